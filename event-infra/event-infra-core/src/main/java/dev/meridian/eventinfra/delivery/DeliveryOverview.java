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
import java.util.UUID;

/**
 * How delivery is doing, for operators: how far behind the store each topic's relay is, and per consumer what is
 * parked, what waits behind it, what was parked lately, how often deliveries were tried again and what the delivery
 * auditor found unaccounted for. The relays and
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
     * @param unaccounted       events the delivery auditor found the consumer has neither applied nor parked
     * @param firstUnaccounted  the first of them in global order; null when there is none
     */
    public record Consumer(String consumer, long parked, long waiting, long parkedLast24h, long retriesSinceStart,
                           long unaccounted, UUID firstUnaccounted) {
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
        Map<String, long[]> deadLetters = new HashMap<>();
        Statements.query(runtime.dataSource(), "count dead letters by consumer", DEAD_LETTERS,
                        row -> Map.entry(row.getString(1), new long[] {row.getLong(2), row.getLong(3), row.getLong(4)}))
                .forEach(counts -> deadLetters.put(counts.getKey(), counts.getValue()));
        Map<String, UnaccountedEvents.OfConsumer> unaccounted = new HashMap<>();
        UnaccountedEvents.perConsumer(runtime.dataSource())
                .forEach(found -> unaccounted.put(found.consumer(), found));
        TreeSet<String> names = new TreeSet<>(deadLetters.keySet());
        names.addAll(unaccounted.keySet());
        names.addAll(runtime.consumerNames());
        return names.stream().map(name -> {
            long[] letters = deadLetters.getOrDefault(name, new long[3]);
            UnaccountedEvents.OfConsumer missing = unaccounted.get(name);
            return new Consumer(name, letters[0], letters[1], letters[2], runtime.metrics().retriesSinceStart(name),
                    missing == null ? 0 : missing.unaccounted(), missing == null ? null : missing.firstEventId());
        }).toList();
    }
}
