package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.metrics.Meters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The store's metrics in Micrometer, exported for Prometheus as {@code meridian_events_appended_total},
 * {@code meridian_events_append_seconds} (count, sum, max), {@code meridian_events_conflicts_total},
 * {@code meridian_events_head_races_total} and {@code meridian_snapshot_lookups_total}, each tagged with the stream
 * {@code category}.
 */
public final class MicrometerEventStoreMetrics implements EventStoreMetrics {

    private final Meters meters;

    public MicrometerEventStoreMetrics(MeterRegistry registry) {
        this.meters = new Meters(registry);
    }

    @Override
    public void appended(String category, int events, Duration took) {
        meters.counter("meridian.events.appended", "category", category).increment(events);
        meters.timer("meridian.events.append", "category", category).record(took);
    }

    @Override
    public void conflicted(String category) {
        meters.counter("meridian.events.conflicts", "category", category).increment();
    }

    @Override
    public void racedToTheHead(String category) {
        meters.counter("meridian.events.head.races", "category", category).increment();
    }

    @Override
    public void snapshotLookup(String category, String outcome) {
        meters.counter("meridian.snapshot.lookups", "category", category, "outcome", outcome).increment();
    }
}
