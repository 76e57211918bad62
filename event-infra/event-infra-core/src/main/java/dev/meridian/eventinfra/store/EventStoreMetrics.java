package dev.meridian.eventinfra.store;

import java.time.Duration;

/**
 * What the store reports about its work, by stream category. The server reports to Micrometer
 * ({@link MicrometerEventStoreMetrics}); tools and tests that need no metrics use {@link #NONE}.
 */
public interface EventStoreMetrics {

    /** Reports nothing. */
    EventStoreMetrics NONE = new EventStoreMetrics() {
    };

    /** An append stored {@code events} events in {@code took}. */
    default void appended(String category, int events, Duration took) {
    }

    /** An append was refused because its stream had moved on. */
    default void conflicted(String category) {
    }

    /** An append without a version check found its next version taken by another, and tried again at the new head. */
    default void racedToTheHead(String category) {
    }

    /**
     * An aggregate was loaded.
     *
     * @param outcome {@code hit} (from a snapshot), {@code miss} (no snapshot) or {@code stale} (a snapshot of
     *                another schema, ignored)
     */
    default void snapshotLookup(String category, String outcome) {
    }
}
