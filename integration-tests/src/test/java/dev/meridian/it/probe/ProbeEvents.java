package dev.meridian.it.probe;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.api.EventType;
import java.util.List;

/** The probe's event family. */
public sealed interface ProbeEvents extends DomainEvent {

    /** Something the probe was asked to publish. */
    @EventType(name = "probe.Published")
    record Published(String note) implements ProbeEvents {
    }

    /** The probe's catalog, named in META-INF/services of the probe's lib jar. */
    final class Catalog implements EventCatalog {
        @Override
        public List<Class<? extends DomainEvent>> eventTypes() {
            return List.of(ProbeEvents.class);
        }
    }
}
