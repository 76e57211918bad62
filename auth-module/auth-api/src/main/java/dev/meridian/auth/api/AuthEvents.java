package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.api.EventUpcaster;
import java.util.List;

/** The events the auth module publishes, and the upcasters of their older versions. */
public final class AuthEvents implements EventCatalog {

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(AccountEvent.class, AccountDataExported.class);
    }

    @Override
    public List<EventUpcaster> upcasters() {
        return List.of(new PasswordChangedV1Upcaster());
    }
}
