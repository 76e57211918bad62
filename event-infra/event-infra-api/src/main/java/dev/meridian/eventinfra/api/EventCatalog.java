package dev.meridian.eventinfra.api;

import java.util.List;

/**
 * The events a module publishes and the upcasters of their older versions. Each {@code -api} jar names its
 * catalog in {@code META-INF/services/dev.meridian.eventinfra.api.EventCatalog}; event-infra reads every catalog
 * at deployment and refuses to deploy when two declare the same event name and version.
 */
public interface EventCatalog {

    /** Event record classes, or sealed interfaces standing for all the records they permit. */
    List<Class<? extends DomainEvent>> eventTypes();

    /** Upcasters from older versions of these events; none while every event is at version 1. */
    default List<EventUpcaster> upcasters() {
        return List.of();
    }
}
