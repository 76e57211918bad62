package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored event as the admin API shows it: its envelope and its payload, personal data readable only while the
 * person's key exists ({@code personalDataRedacted} once it is shredded).
 *
 * @param actor   who caused it, if recorded
 * @param payload the event record, written with its own components
 */
public record EventView(UUID eventId, String type, int version, String streamId, long streamVersion,
                        long globalPosition, Instant occurredAt, UUID correlationId, UUID causationId, String actor,
                        Object payload, boolean personalDataRedacted) {

    static EventView of(EventEnvelope<DomainEvent> envelope) {
        return new EventView(envelope.eventId(), envelope.type(), envelope.version(), envelope.streamId(),
                envelope.streamVersion(), envelope.globalPosition(), envelope.occurredAt(),
                envelope.metadata().correlationId().orElse(null), envelope.metadata().causationId().orElse(null),
                envelope.metadata().actor().orElse(null), envelope.event(), envelope.personalDataRedacted());
    }
}
