package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored, before it is read as a Java record: its payload is still the JSON of the version it was
 * written as (personal data already decrypted, or null when its person was forgotten). The relay sends this form,
 * so that each consumer upcasts with the event types it knows.
 *
 * @param eventId              the writer's id for it
 * @param type                 its stable name ({@link EventType#name()})
 * @param version              the version it was written as
 * @param streamId             the stream it belongs to
 * @param streamVersion        its position in that stream, from 1
 * @param globalPosition       its position in the whole store
 * @param occurredAt           when it happened
 * @param payload              the event as a JSON object
 * @param metadata             its metadata as a JSON object ({@link EventJson#toJson(dev.meridian.eventinfra.api.EventMetadata)})
 * @param personalDataRedacted true when the event's person was forgotten, so its personal data reads as null
 */
public record StoredEvent(UUID eventId, String type, int version, String streamId, long streamVersion,
                          long globalPosition, Instant occurredAt, String payload, String metadata,
                          boolean personalDataRedacted) {
}
