package dev.meridian.it.probe;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.List;
import java.util.UUID;

/** The probe's event family. */
public sealed interface ProbeEvents extends DomainEvent {

    /** Something the probe was asked to publish. */
    @EventType(name = "probe.Published")
    record Published(String note) implements ProbeEvents {
    }

    /** Something personal about someone, which no probe consumer can take: it is always parked. */
    @EventType(name = "probe.Confided")
    record Confided(@DataSubject UUID subject, @PersonalData String secret) implements ProbeEvents {
    }

    /** The probe's catalog, named in META-INF/services of the probe's lib jar. */
    final class Catalog implements EventCatalog {
        @Override
        public List<Class<? extends DomainEvent>> eventTypes() {
            return List.of(ProbeEvents.class);
        }
    }
}
