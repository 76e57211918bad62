package dev.meridian.eventinfra.export;

import dev.meridian.eventinfra.api.DataExportContribution;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.store.StreamIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Writes a module's section of a data export ({@link dev.meridian.eventinfra.api.DataExportContribution#section()}):
 * {@code {"data": ..., "events": [...]}}, where {@code data} is whatever the module holds about the person and each
 * event is shown with its envelope and its payload as stored, personal data readable (the person asked for it);
 * and appends a module's answer.
 */
@ApplicationScoped
public class ExportSections {

    private static final int PAGE = 500;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    EventStore store;

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

    /** A section: the module's {@code data} about the person (written with JSON-B) and their events. */
    public record Section(Object data, List<ExportedEvent> events) {
    }

    /** Every event of {@code streamId}, in order; none when there is no such stream. */
    public List<EventEnvelope<DomainEvent>> stream(String streamId) {
        List<EventEnvelope<DomainEvent>> events = new ArrayList<>();
        List<EventEnvelope<DomainEvent>> page;
        long from = 1;
        do {
            page = store.readStream(streamId, from, PAGE);
            events.addAll(page);
            from = page.isEmpty() ? from : page.get(page.size() - 1).streamVersion() + 1;
        } while (page.size() == PAGE);
        return events;
    }

    /** The section of {@code data} and {@code events} as a JSON object. */
    public String section(Object data, List<EventEnvelope<DomainEvent>> events) {
        return JSON.toJson(new Section(data, events.stream().map(ExportedEvent::of).toList()));
    }

    /**
     * Appends {@code contribution}, the answer to {@code request}, in the caller's transaction: the only event of
     * the stream {@code <module>export-<exportId>}, with an id derived from both, so a repeated answer changes
     * nothing.
     */
    public void answer(EventEnvelope<?> request, DataExportContribution contribution) {
        String type = contribution.getClass().getAnnotation(EventType.class).name();
        String module = type.substring(0, type.indexOf('.'));
        UUID eventId = UUID.nameUUIDFromBytes((type + ":" + contribution.exportId())
                .getBytes(StandardCharsets.UTF_8));
        store.append(StreamIds.of(module + "export", contribution.exportId()), ExpectedVersion.noStream(),
                List.of(new NewEvent(eventId, contribution, Instant.now(),
                        EventMetadata.causedBy(request, "data-export"))));
    }
}
