package dev.meridian.eventinfra.api;

import java.util.List;
import java.util.Objects;

/**
 * A module's way to publish without knowing the store: fire this as a CDI event inside the command's transaction
 * and event-infra appends the events in that same transaction. If the transaction rolls back, nothing was
 * published; a concurrency conflict surfaces to the firing code as {@link ConcurrencyConflictException}.
 *
 * @param streamId the stream the events belong to
 * @param expected what the stream must be at
 * @param events   the events, in order
 */
public record PublishedEvents(String streamId, ExpectedVersion expected, List<NewEvent> events) {

    public PublishedEvents {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(expected, "expected");
        events = List.copyOf(events);
    }
}
