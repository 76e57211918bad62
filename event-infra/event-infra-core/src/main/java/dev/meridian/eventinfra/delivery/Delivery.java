package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.store.PostgresEventStore;
import dev.meridian.eventinfra.store.StoredEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One event on its way to one consumer, as it came off the broker or out of the dead-letter table.
 *
 * @param consumer     the consuming module
 * @param envelopeJson the envelope's JSON text (API.md's wire format)
 * @param header       the envelope without its payload
 * @param payload      the payload's JSON text, in the version the header names
 */
record Delivery(String consumer, String envelopeJson, WireFormat.Header header, String payload) {

    static Delivery of(String consumer, String envelopeJson, WireFormat wire) {
        WireFormat.Envelope envelope = wire.fromJson(envelopeJson);
        return new Delivery(consumer, envelopeJson, envelope.header(), envelope.payload());
    }

    /** The event, upcast to the newest version this deployment knows; fails for an unknown type or version. */
    EventEnvelope<DomainEvent> event(PostgresEventStore store) {
        EventMetadata metadata = new EventMetadata(Optional.ofNullable(header.correlationId()).map(UUID::fromString),
                Optional.ofNullable(header.causationId()).map(UUID::fromString), Optional.empty(), Map.of());
        // the metadata is given as it is, not as its stored JSON
        StoredEvent stored = new StoredEvent(header.id(), header.type(), header.version(), header.streamId(),
                header.streamVersion(), header.globalPosition(), Instant.parse(header.occurredAt()), payload, null,
                false);
        return store.envelopeOf(stored, metadata);
    }
}
