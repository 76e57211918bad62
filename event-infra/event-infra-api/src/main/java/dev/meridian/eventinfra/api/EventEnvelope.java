package dev.meridian.eventinfra.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored event with everything the store knows about it; the body of a broker message is its JSON form.
 *
 * @param eventId        the writer's id for it
 * @param type           its stable name ({@link EventType#name()})
 * @param version        the version of its shape as read (after upcasting)
 * @param streamId       the stream it belongs to
 * @param streamVersion  its position in that stream, from 1
 * @param globalPosition its position in the whole store (gaps are possible, order is what counts)
 * @param occurredAt     when it happened
 * @param metadata       why and on whose behalf
 * @param event          the event itself
 * @param personalDataRedacted true when the event's person was forgotten, so its personal data reads as null
 * @param <E>            the event's type
 */
public record EventEnvelope<E extends DomainEvent>(UUID eventId, String type, int version, String streamId,
                                                   long streamVersion, long globalPosition, Instant occurredAt,
                                                   EventMetadata metadata, E event, boolean personalDataRedacted) {
}
