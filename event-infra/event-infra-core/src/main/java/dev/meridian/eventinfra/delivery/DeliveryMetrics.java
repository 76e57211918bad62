package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Delivery's metrics in Micrometer, exported for Prometheus: {@code meridian_relay_published_total{topic,type}},
 * {@code meridian_relay_failures_total{topic}}, {@code meridian_delivery_delivered_total{consumer,type}},
 * {@code meridian_delivery_retries_total{consumer,type}}, {@code meridian_delivery_dead_lettered_total{consumer,type}},
 * {@code meridian_delivery_duplicates_total{consumer}} and {@code meridian_delivery_latency_seconds{consumer}}
 * (from the event's occurred-at to its handler's commit); {@code meridian_relay_wakeups_total{topic}} and
 * {@code meridian_projection_wakeups_total{projection}} count the commits that woke a reader of their types. Lags
 * are gauges registered by their owners, as is {@code meridian_delivery_unaccounted_events{consumer}} (the delivery
 * auditor's); {@code meridian_delivery_audited_events_total} and {@code meridian_delivery_audit_rounds_seconds} give
 * the auditor's cost per event.
 */
public final class DeliveryMetrics {

    private final Meters meters;
    // for the console's dashboard, which would otherwise sum the counters over every event type in the registry
    private final Map<String, LongAdder> retriesByConsumer = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry) {
        this.meters = new Meters(registry);
    }

    /** The registry, for gauges. */
    public MeterRegistry registry() {
        return meters.registry();
    }

    void published(String topic, String type) {
        meters.counter("meridian.relay.published", "topic", topic, "type", type).increment();
    }

    /** A commit of types the topic's relay sends woke it: the low-latency path, rather than its poll. */
    void relayWokenByCommit(String topic) {
        meters.counter("meridian.relay.wakeups", "topic", topic).increment();
    }

    /** A commit of types the projection reads woke it. */
    public void projectionWokenByCommit(String projection) {
        meters.counter("meridian.projection.wakeups", "projection", projection).increment();
    }

    /** A round of the delivery auditor checked {@code events} events in {@code took}. */
    void audited(long events, Duration took) {
        meters.counter("meridian.delivery.audited.events").increment(events);
        meters.timer("meridian.delivery.audit.rounds").record(took);
    }

    void relayFailed(String topic) {
        meters.counter("meridian.relay.failures", "topic", topic).increment();
    }

    void delivered(String consumer, String type) {
        meters.counter("meridian.delivery.delivered", "consumer", consumer, "type", type).increment();
    }

    /** Only for deliveries from the broker: a redrive's latency is the operator's, not delivery's. */
    void latency(String consumer, Duration sinceOccurred) {
        meters.timer("meridian.delivery.latency", "consumer", consumer).record(sinceOccurred);
    }

    void retried(String consumer, String type) {
        meters.counter("meridian.delivery.retries", "consumer", consumer, "type", type).increment();
        retriesByConsumer.computeIfAbsent(consumer, any -> new LongAdder()).increment();
    }

    /** The deliveries to {@code consumer} this server tried again since it started. */
    public long retriesSinceStart(String consumer) {
        LongAdder retries = retriesByConsumer.get(consumer);
        return retries == null ? 0 : retries.sum();
    }

    void deadLettered(String consumer, String type) {
        meters.counter("meridian.delivery.dead.lettered", "consumer", consumer, "type", type).increment();
    }

    void unstored(String consumer) {
        meters.counter("meridian.delivery.unstored.events", "consumer", consumer).increment();
    }

    void duplicate(String consumer) {
        meters.counter("meridian.delivery.duplicates", "consumer", consumer).increment();
    }
}
