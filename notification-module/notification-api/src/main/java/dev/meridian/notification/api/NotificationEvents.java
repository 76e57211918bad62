package dev.meridian.notification.api;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import java.util.List;

/** The events the notification module publishes; every one is at version 1. */
public final class NotificationEvents implements EventCatalog {

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(NotificationEvent.class, NotificationDataExported.class);
    }
}
