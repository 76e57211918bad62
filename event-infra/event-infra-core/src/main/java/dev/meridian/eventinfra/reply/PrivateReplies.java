package dev.meridian.eventinfra.reply;

import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PrivateReply;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The modules' private replies to each other's requests ({@code event_infra.private_replies}): a reply's content
 * waits here, one per request and module, until the requester takes it and drops it; only the fact that a module
 * replied travels, as a {@link PrivateReply} event. Replies about a person are deleted with the person, and ones
 * nobody took are deleted after a while ({@link #dropOlderThan}). Each module keeps its own tables in its own
 * schema; this is the one table modules write for each other, because a reply crosses from one to another.
 */
@ApplicationScoped
@API(status = API.Status.EXPERIMENTAL)
public class PrivateReplies {

    private static final String REPLY = "reply";
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final String KEEP = """
            insert into event_infra.private_replies (request_id, module, subject_id, content)
            values (?, ?, ?, ?::jsonb) on conflict do nothing
            """;
    private static final String OF_REQUEST = """
            select module, content::text from event_infra.private_replies where request_id = ? order by module
            """;
    private static final String DROP = "delete from event_infra.private_replies where request_id = ?";
    private static final String FORGET = "delete from event_infra.private_replies where subject_id = ?";
    private static final String DROP_OLD = "delete from event_infra.private_replies where received_at < ?";

    @Inject
    EventStore store;

    @Inject
    DataSource dataSource;

    /**
     * Replies to {@code request} (known to both modules as {@code requestId}) about {@code subjectId} in the caller's
     * transaction: keeps {@code content} (written with JSON-B) and appends {@code replied}, the only event of the
     * stream {@code <module>reply-<requestId>}, with an id derived from both, so a repeated reply changes nothing.
     * The module is the first part of the event's name.
     */
    public void send(EventEnvelope<?> request, UUID requestId, UUID subjectId, PrivateReply replied,
                     Object content) {
        String type = replied.getClass().getAnnotation(EventType.class).name();
        String module = type.substring(0, type.indexOf('.'));
        Statements.update(dataSource, "keep a private reply", KEEP, requestId, module, subjectId,
                JSON.toJson(content));
        UUID eventId = UUID.nameUUIDFromBytes((type + ":" + requestId).getBytes(StandardCharsets.UTF_8));
        store.append(StreamIds.of(module + REPLY, requestId), ExpectedVersion.noStream(),
                List.of(new NewEvent(eventId, replied, Instant.now(), EventMetadata.causedBy(request, module))));
    }

    /** The request {@code reply} answers, from its stream's name. */
    public static UUID requestOf(EventEnvelope<? extends PrivateReply> reply) {
        String streamId = reply.streamId();
        String category = StreamIds.categoryOf(streamId);
        // replies appended before migration V14 (a data export's answers) are in <module>export-<exportId>
        if (!category.endsWith(REPLY) && !category.endsWith("export")) {
            throw new IllegalArgumentException(reply.type() + " is not the reply of a request: " + streamId);
        }
        return UUID.fromString(streamId.substring(streamId.indexOf('-') + 1));
    }

    /** The replies to {@code requestId} that arrived, as JSON by module. */
    public Map<String, String> of(UUID requestId) {
        Map<String, String> replies = new LinkedHashMap<>();
        Statements.query(dataSource, "read the private replies", OF_REQUEST,
                row -> Map.entry(row.getString(1), row.getString(2)), requestId)
                .forEach(reply -> replies.put(reply.getKey(), reply.getValue()));
        return replies;
    }

    /** Deletes the replies to {@code requestId}: the requester took them, or will never. */
    public void drop(UUID requestId) {
        Statements.update(dataSource, "drop the private replies", DROP, requestId);
    }

    /** Deletes every reply about {@code subjectId}: the person is being erased. */
    public void forget(UUID subjectId) {
        Statements.update(dataSource, "forget the private replies", FORGET, subjectId);
    }

    /**
     * Deletes the replies that arrived longer than {@code age} ago: ones nobody took (a late reply the requester
     * never received, say).
     *
     * @return how many
     */
    public int dropOlderThan(Duration age) {
        return Statements.update(dataSource, "drop stale private replies", DROP_OLD,
                Timestamp.from(Instant.now().minus(age)));
    }
}
