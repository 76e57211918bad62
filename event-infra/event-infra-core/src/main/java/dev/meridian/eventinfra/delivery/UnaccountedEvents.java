package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.jdbc.Statements;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What the {@link DeliveryAuditor} found unaccounted for, per consumer, as every server reads it from the table.
 */
public final class UnaccountedEvents {

    private static final String PER_CONSUMER = """
            select distinct on (consumer) consumer, count(*) over (partition by consumer), event_id, global_position
            from event_infra.unaccounted_events
            order by consumer, global_position
            """;

    private UnaccountedEvents() {
    }

    /**
     * A consumer's unaccounted events.
     *
     * @param consumer      the consuming module
     * @param unaccounted   how many
     * @param firstEventId  the first in global order
     * @param firstPosition its global position
     */
    public record OfConsumer(String consumer, long unaccounted, UUID firstEventId, long firstPosition) {
    }

    /** Every consumer with unaccounted events, by name. */
    public static List<OfConsumer> perConsumer(DataSource dataSource) {
        return Statements.query(dataSource, "read the unaccounted events", PER_CONSUMER,
                row -> new OfConsumer(row.getString(1), row.getLong(2), row.getObject(3, UUID.class),
                        row.getLong(4)));
    }

    static Map<String, Long> countPerConsumer(DataSource dataSource) {
        return perConsumer(dataSource).stream()
                .collect(Collectors.toMap(OfConsumer::consumer, OfConsumer::unaccounted));
    }
}
