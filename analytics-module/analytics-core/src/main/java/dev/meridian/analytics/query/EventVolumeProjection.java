package dev.meridian.analytics.query;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.projection.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * How many events of each type every module stored, per hour (UTC): every event type the deployment knows.
 * Rebuildable like every projection ({@code analytics-event-volume}).
 */
@ApplicationScoped
public class EventVolumeProjection implements Projection {

    private static final String COUNT = """
            insert into analytics.events_per_hour (hour, event_type, count) values (?, ?, ?)
            on conflict (hour, event_type) do update set count = events_per_hour.count + excluded.count
            """;

    @Inject
    DataSource dataSource;

    @Override
    public String name() {
        return "analytics-event-volume";
    }

    @Override
    public Set<Class<? extends DomainEvent>> eventTypes() {
        return Set.of(DomainEvent.class);
    }

    @Override
    public void apply(List<EventEnvelope<DomainEvent>> events) {
        Map<Map.Entry<Instant, String>, Long> counts = new TreeMap<>(Map.Entry.<Instant, String>comparingByKey()
                .thenComparing(Map.Entry.comparingByValue()));
        for (EventEnvelope<DomainEvent> event : events) {
            counts.merge(Map.entry(event.occurredAt().truncatedTo(ChronoUnit.HOURS), event.type()), 1L, Long::sum);
        }
        counts.forEach((hourAndType, count) -> Statements.update(dataSource, "count events", COUNT,
                Timestamp.from(hourAndType.getKey()), hourAndType.getValue(), count));
    }

    @Override
    public void reset() {
        Statements.update(dataSource, "reset the event volume", "delete from analytics.events_per_hour");
    }
}
