package dev.meridian.eventinfra.api;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event about to be appended. Its id makes the append idempotent: appending the same ids again is a no-op.
 *
 * @param eventId    chosen by the writer, unique across the store
 * @param event      the event itself
 * @param occurredAt when it happened
 * @param metadata   why and on whose behalf
 */
public record NewEvent(UUID eventId, DomainEvent event, Instant occurredAt, EventMetadata metadata) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** A new event with a fresh id, happening now. */
    public static NewEvent of(DomainEvent event, EventMetadata metadata) {
        return new NewEvent(UUID.randomUUID(), event, Instant.now(), metadata);
    }
}
