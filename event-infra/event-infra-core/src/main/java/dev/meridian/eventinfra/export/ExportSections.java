package dev.meridian.eventinfra.export;

import dev.meridian.eventinfra.api.DataExportContribution;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.store.StreamIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The modules' sections of GDPR data exports ({@code event_infra.data_export_sections}). A module answers an export
 * with its section, {@code {"data": ..., "events": [...]}}: whatever it holds about the person, and their events
 * shown with their envelope and their payload as stored, personal data readable (the person asked for it). The
 * section waits here for the user module, which assembles the archive and then drops it; only the fact that a
 * module answered travels as an event, since events are kept for good and published.
 */
@ApplicationScoped
@API(status = API.Status.EXPERIMENTAL)
public class ExportSections {

    private static final int PAGE = 500;
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final String KEEP = """
            insert into event_infra.data_export_sections (export_id, module, user_id, section)
            values (?, ?, ?, ?::jsonb) on conflict do nothing
            """;
    private static final String OF_EXPORT = """
            select module, section::text from event_infra.data_export_sections where export_id = ? order by module
            """;
    private static final String DROP = "delete from event_infra.data_export_sections where export_id = ?";
    private static final String FORGET = "delete from event_infra.data_export_sections where user_id = ?";
    private static final String DROP_OLD = """
            delete from event_infra.data_export_sections where received_at < ?
            """;

    @Inject
    EventStore store;

    @Inject
    DataSource dataSource;

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
     * Answers {@code request} in the caller's transaction: keeps the section of {@code data} and {@code events} and
     * appends {@code answered}, the only event of the stream {@code <module>export-<exportId>}, with an id derived
     * from both, so a repeated answer changes nothing.
     */
    public void answer(EventEnvelope<?> request, DataExportContribution answered, Object data,
                       List<EventEnvelope<DomainEvent>> events) {
        String type = answered.getClass().getAnnotation(EventType.class).name();
        String module = type.substring(0, type.indexOf('.'));
        Statements.update(dataSource, "keep a data export section", KEEP, answered.exportId(), module,
                answered.userId(), section(data, events));
        UUID eventId = UUID.nameUUIDFromBytes((type + ":" + answered.exportId()).getBytes(StandardCharsets.UTF_8));
        store.append(StreamIds.of(module + "export", answered.exportId()), ExpectedVersion.noStream(),
                List.of(new NewEvent(eventId, answered, Instant.now(), EventMetadata.causedBy(request, module))));
    }

    /** The sections of export {@code exportId} that arrived, by module. */
    public Map<String, String> of(UUID exportId) {
        Map<String, String> sections = new LinkedHashMap<>();
        Statements.query(dataSource, "read the data export sections", OF_EXPORT,
                row -> Map.entry(row.getString(1), row.getString(2)), exportId)
                .forEach(section -> sections.put(section.getKey(), section.getValue()));
        return sections;
    }

    /** Deletes the sections of export {@code exportId}: it is assembled, failed or over. */
    public void drop(UUID exportId) {
        Statements.update(dataSource, "drop the data export sections", DROP, exportId);
    }

    /** Deletes every section about {@code userId}: the person is being erased. */
    public void forget(UUID userId) {
        Statements.update(dataSource, "forget the data export sections", FORGET, userId);
    }

    /**
     * Deletes the sections that arrived longer than {@code age} ago: answers nobody took (a late answer the user
     * module never received, say).
     *
     * @return how many
     */
    public int dropOlderThan(Duration age) {
        return Statements.update(dataSource, "drop stale data export sections", DROP_OLD,
                Timestamp.from(Instant.now().minus(age)));
    }
}
