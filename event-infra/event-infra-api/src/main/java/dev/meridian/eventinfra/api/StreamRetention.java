package dev.meridian.eventinfra.api;

import java.time.Duration;
import java.util.Optional;

/**
 * How much of a stream readers still see. The events stay stored (a purge job may delete them later); readers of
 * the stream and of the global order skip what the retention excludes. For an event-sourced aggregate, never
 * truncate beyond its latest snapshot.
 *
 * @param truncateBefore events with a lower stream version are no longer read
 * @param maxAge         events that occurred longer ago are no longer read
 */
public record StreamRetention(Optional<Long> truncateBefore, Optional<Duration> maxAge) {

    public StreamRetention {
        truncateBefore.filter(version -> version < 1).ifPresent(version -> {
            throw new IllegalArgumentException("truncateBefore is a stream version of 1 or more, not " + version);
        });
        maxAge.filter(age -> age.isNegative() || age.isZero()).ifPresent(age -> {
            throw new IllegalArgumentException("maxAge is positive, not " + age);
        });
    }

    /** Readers see everything again. */
    public static StreamRetention keepEverything() {
        return new StreamRetention(Optional.empty(), Optional.empty());
    }

    /** Readers see the events from stream version {@code version} on. */
    public static StreamRetention truncateBefore(long version) {
        return new StreamRetention(Optional.of(version), Optional.empty());
    }

    /** Readers see the events that occurred within {@code age}. */
    public static StreamRetention maxAge(Duration age) {
        return new StreamRetention(Optional.empty(), Optional.of(age));
    }
}
