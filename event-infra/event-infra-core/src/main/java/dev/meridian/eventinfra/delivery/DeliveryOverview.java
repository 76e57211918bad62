package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How delivery is doing, for operators: how far behind the store each topic's relay is, and per consumer what is
 * parked, what waits behind it, what was parked lately and how often deliveries were tried again. The relays and
 * dead letters are read from their tables, so every server shows the same; the retries are this server's own.
 */
@ApplicationScoped
public class DeliveryOverview {

    private static final String RELAYS = """
            select c.topic, c.position, greatest(0, head.position - c.position), c.relayed_total, c.relayed_by,
                   c.updated_at
            from event_infra.relay_checkpoints c,
                 (select coalesce(max(global_position), 0) as position from event_infra.events) head
            order by c.topic
            """;
    private static final String DEAD_LETTERS = """
            select consumer, count(*) filter (where status = 'PARKED'), count(*) filter (where status = 'WAITING'),
                   count(*) filter (where created_at > now() - interval '24 hours')
            from event_infra.dead_letters group by consumer
            """;

    @Inject
    DeliveryRuntime runtime;

    /**
     * One topic's relay.
     *
     * @param topic        the topic
     * @param position     the global position it has put on the broker up to
     * @param lag          positions between the store's head and that
     * @param relayedTotal events it has put on the broker
     * @param relayedBy    the server that relayed last
     * @param updatedAt    when it last moved
     */
    public record Relay(String topic, long position, long lag, long relayedTotal, String relayedBy,
                        Instant updatedAt) {
    }

    /**
     * One consumer's deliveries.
     *
     * @param consumer          the consuming module
     * @param parked            dead letters parked now
     * @param waiting           deliveries waiting behind a parked event of their stream
     * @param parkedLast24h     dead letters that entered the table in the last 24 hours, whatever became of them
     * @param retriesSinceStart deliveries this server tried again since it started
     */
    public record Consumer(String consumer, long parked, long waiting, long parkedLast24h, long retriesSinceStart) {
    }

    /**
     * Delivery at a glance.
     *
     * @param relays    every topic's relay, by topic
     * @param consumers every consumer that runs here or has dead letters, by name
     */
    public record Overview(List<Relay> relays, List<Consumer> consumers) {
    }

    public Overview overview() {
        return new Overview(relays(), consumers());
    }

    /** Every topic's relay, by topic. */
    public List<Relay> relays() {
        return Statements.query(runtime.dataSource(), "read the relays' checkpoints", RELAYS,
                row -> new Relay(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getString(5),
                        row.getObject(6, OffsetDateTime.class).toInstant()));
    }

    private List<Consumer> consumers() {
        Map<String, Consumer> withDeadLetters = new HashMap<>();
        Statements.query(runtime.dataSource(), "count dead letters by consumer", DEAD_LETTERS,
                        row -> new Consumer(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4), 0))
                .forEach(consumer -> withDeadLetters.put(consumer.consumer(), consumer));
        TreeSet<String> names = new TreeSet<>(withDeadLetters.keySet());
        names.addAll(runtime.consumerNames());
        return names.stream().map(name -> {
            Consumer letters = withDeadLetters.getOrDefault(name, new Consumer(name, 0, 0, 0, 0));
            return new Consumer(name, letters.parked(), letters.waiting(), letters.parkedLast24h(),
                    runtime.metrics().retriesSinceStart(name));
        }).toList();
    }
}
