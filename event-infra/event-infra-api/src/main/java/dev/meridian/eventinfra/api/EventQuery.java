package dev.meridian.eventinfra.api;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which events a read by global position returns. Empty parts do not filter.
 *
 * @param types         only events with one of these names
 * @param category      only events of streams of this category (the stream id up to its first '-')
 * @param correlationId only events of this request or process
 */
public record EventQuery(Set<String> types, Optional<String> category, Optional<UUID> correlationId) {

    public EventQuery {
        types = Set.copyOf(types);
    }

    /** Every event. */
    public static EventQuery all() {
        return new EventQuery(Set.of(), Optional.empty(), Optional.empty());
    }

    /** Events with one of these names. */
    public static EventQuery ofTypes(String... types) {
        return new EventQuery(Set.of(types), Optional.empty(), Optional.empty());
    }

    /** Events of the streams of one category. */
    public static EventQuery ofCategory(String category) {
        return new EventQuery(Set.of(), Optional.of(category), Optional.empty());
    }

    /** Events of one request or process. */
    public static EventQuery ofCorrelation(UUID correlationId) {
        return new EventQuery(Set.of(), Optional.empty(), Optional.of(correlationId));
    }
}
