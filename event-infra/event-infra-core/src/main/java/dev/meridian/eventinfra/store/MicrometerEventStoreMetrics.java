package dev.meridian.eventinfra.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The store's metrics in Micrometer, exported for Prometheus as {@code meridian_events_appended_total},
 * {@code meridian_events_append_seconds} (count, sum, max), {@code meridian_events_conflicts_total} and
 * {@code meridian_snapshot_lookups_total}, each tagged with the stream {@code category}.
 *
 * <p>Meters are registered through the registry's {@code counter(...)}/{@code timer(...)} methods, not through
 * builders: WildFly 39's application registry hands builder-registered meters to a private registry that is
 * never exported. No client-side percentiles either: they need HdrHistogram, which the server's micrometer
 * module lacks.
 */
public final class MicrometerEventStoreMetrics implements EventStoreMetrics {

    private final MeterRegistry registry;

    public MicrometerEventStoreMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void appended(String category, int events, Duration took) {
        registry.counter("meridian.events.appended", "category", category).increment(events);
        registry.timer("meridian.events.append", "category", category).record(took);
    }

    @Override
    public void conflicted(String category) {
        registry.counter("meridian.events.conflicts", "category", category).increment();
    }

    @Override
    public void snapshotLookup(String category, String outcome) {
        registry.counter("meridian.snapshot.lookups", "category", category, "outcome", outcome).increment();
    }
}
