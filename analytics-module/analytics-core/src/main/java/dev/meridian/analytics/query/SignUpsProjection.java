package dev.meridian.analytics.query;

import dev.meridian.auth.api.AccountActivated;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.projection.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Sign-ups per day (UTC), from auth's {@code AccountActivated} events: an account becomes active exactly when its
 * registration process closes (the configured administrator's too, at the first start), so a cancelled
 * registration is never counted. Rebuildable from the store like every projection
 * ({@code POST /admin/api/projections/analytics-signups/rebuild}).
 */
@ApplicationScoped
public class SignUpsProjection implements Projection {

    private static final String ADD = """
            insert into analytics.signups_per_day (day, count) values (?, ?)
            on conflict (day) do update set count = signups_per_day.count + excluded.count
            """;

    @Inject
    DataSource dataSource;

    @Override
    public String name() {
        return "analytics-signups";
    }

    @Override
    public Set<Class<? extends DomainEvent>> eventTypes() {
        return Set.of(AccountActivated.class);
    }

    @Override
    public void apply(List<EventEnvelope<DomainEvent>> events) {
        // a batch (a rebuild's are a thousand events) is summed per day before it is written
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (EventEnvelope<DomainEvent> event : events) {
            perDay.merge(LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC), 1L, Long::sum);
        }
        try (Connection db = dataSource.getConnection(); PreparedStatement add = db.prepareStatement(ADD)) {
            for (Map.Entry<LocalDate, Long> day : perDay.entrySet()) {
                add.setObject(1, day.getKey());
                add.setLong(2, day.getValue());
                add.addBatch();
            }
            add.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count sign-ups", e);
        }
    }

    @Override
    public void reset() {
        try (Connection db = dataSource.getConnection(); Statement delete = db.createStatement()) {
            delete.executeUpdate("delete from analytics.signups_per_day");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the sign-ups", e);
        }
    }
}
