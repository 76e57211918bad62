package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import java.util.List;

/** The events the user module publishes; every one is at version 1. */
public final class UserEvents implements EventCatalog {

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(ProfileEvent.class, DataExportEvent.class);
    }
}
