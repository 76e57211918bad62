package dev.meridian.analytics.api;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import java.util.List;

/** The events the analytics module publishes: only its answers to data exports; every one is at version 1. */
public final class AnalyticsEvents implements EventCatalog {

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(AnalyticsDataExported.class);
    }
}
