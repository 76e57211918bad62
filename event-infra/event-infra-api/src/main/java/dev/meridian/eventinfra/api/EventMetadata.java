package dev.meridian.eventinfra.api;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Why and on whose behalf an event happened; stored beside the event, never inside it.
 *
 * @param correlationId the request or process the event belongs to
 * @param causationId   the event or command that caused it
 * @param actor         who caused it (a user id, "system", ...)
 * @param traceContext  W3C trace context headers ({@code traceparent}, {@code tracestate}) of the causing request
 */
public record EventMetadata(Optional<UUID> correlationId, Optional<UUID> causationId, Optional<String> actor,
                            Map<String, String> traceContext) {

    public EventMetadata {
        traceContext = Map.copyOf(traceContext);
    }

    /** No metadata at all. */
    public static EventMetadata none() {
        return new EventMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** Metadata of an event caused within the request or process {@code correlationId}. */
    public static EventMetadata correlatedWith(UUID correlationId) {
        return new EventMetadata(Optional.of(correlationId), Optional.empty(), Optional.empty(), Map.of());
    }

    /** Metadata of an event caused by {@code cause}: in its request or process, on behalf of {@code actor}. */
    public static EventMetadata causedBy(EventEnvelope<?> cause, String actor) {
        return new EventMetadata(cause.metadata().correlationId(), Optional.of(cause.eventId()), Optional.of(actor),
                Map.of());
    }
}
