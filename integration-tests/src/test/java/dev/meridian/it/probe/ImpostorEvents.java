package dev.meridian.it.probe;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.api.EventType;
import java.util.List;

/** A second module's catalog that claims the probe's event name: a deployment with both must fail. */
public final class ImpostorEvents implements EventCatalog {

    /** Declares a name another catalog already declares. */
    @EventType(name = "probe.Published")
    public record Impostor(String note) implements DomainEvent {
    }

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(Impostor.class);
    }
}
