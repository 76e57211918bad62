package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import java.util.List;

/** The events the auth module publishes; every one is at version 1. */
public final class AuthEvents implements EventCatalog {

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(AccountEvent.class, AccountDataExported.class);
    }
}
