package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A module's section of a person's data export, the content of its private reply to
 * {@link UserDataExportRequested}: whatever it holds about the person, and their events shown with their envelope
 * and their payload as stored, personal data readable (the person asked for it). Every module's section has this
 * shape, written with JSON-B.
 *
 * @param data   the module's data about the person
 * @param events the person's events in the module's streams, in order
 */
public record DataExportSection(Object data, List<ExportedEvent> events) {

    /** The section of {@code data} and the events of {@code envelopes}. */
    public static DataExportSection of(Object data, List<EventEnvelope<DomainEvent>> envelopes) {
        return new DataExportSection(data, envelopes.stream().map(ExportedEvent::of).toList());
    }

    /**
     * An event as a data export shows it.
     *
     * @param payload the event record, written with its own components
     */
    public record ExportedEvent(UUID eventId, String type, int version, String streamId, long streamVersion,
                                long globalPosition, Instant occurredAt, Object payload) {

        static ExportedEvent of(EventEnvelope<DomainEvent> envelope) {
            return new ExportedEvent(envelope.eventId(), envelope.type(), envelope.version(), envelope.streamId(),
                    envelope.streamVersion(), envelope.globalPosition(), envelope.occurredAt(), envelope.event());
        }
    }
}
