package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.PostgresEventStore;
import dev.meridian.eventinfra.store.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Forgets a person in the dead-letter table. A dead letter keeps its event's envelope as delivered, with the
 * personal data decrypted, and its error may quote that data; once the person's key is gone, neither may stay
 * readable. Every dead letter that mentions the person is given its event's envelope as the store now reads it
 * (personal data null), the values that became null are cut out of its error, stack trace and history, and the
 * change is recorded in its history. It stays where it was (parked, waiting, resolved or discarded), so redriving it
 * delivers what a delivery now would.
 */
final class DeadLetterErasure {

    private static final String ERASED = "[erased]";

    private static final Logger LOG = Logger.getLogger(DeadLetterErasure.class.getName());
    // a person's id is in the envelope of every event about them (the data subject, the stream, the actor)
    private static final String MENTIONING = """
            select id, event_type, global_position, envelope::text, error, stack_trace from event_infra.dead_letters
            where search_text like '%' || lower(?) || '%'
            """;
    private static final String REDACT = """
            update event_infra.dead_letters set envelope = ?::jsonb, error = ?, stack_trace = ? where id = ?
            """;
    // the history quotes the errors
    private static final String REDACT_HISTORY = """
            update event_infra.dead_letter_actions set reason = replace(reason, ?, ?)
            where dead_letter_id = ? and strpos(reason, ?) > 0
            """;

    private final DataSource dataSource;
    private final PostgresEventStore store;
    private final WireFormat wire;
    private final EventJson json;

    DeadLetterErasure(DataSource dataSource, PostgresEventStore store, WireFormat wire, EventJson json) {
        this.dataSource = dataSource;
        this.store = store;
        this.wire = wire;
        this.json = json;
    }

    private record Mention(UUID id, String type, long globalPosition, String envelope, String error,
                           String stackTrace) {
    }

    /** Redacts every dead letter that mentions {@code subjectId}, in the caller's transaction; returns how many. */
    int forget(String subjectId) {
        int redacted = 0;
        try (Connection db = dataSource.getConnection()) {
            List<Mention> mentions = Statements.query(db, "find the dead letters of a forgotten person", MENTIONING,
                    row -> new Mention(row.getObject(1, UUID.class), row.getString(2), row.getLong(3),
                            row.getString(4), row.getString(5), row.getString(6)), subjectId);
            for (Mention mention : mentions) {
                if (redact(db, mention, subjectId)) {
                    redacted++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget subject " + subjectId + " in the dead letters", e);
        }
        int count = redacted;
        LOG.info(() -> "Forgot subject " + subjectId + " in " + count + " dead letters");
        return count;
    }

    private boolean redact(Connection db, Mention mention, String subjectId) throws SQLException {
        Map<String, Object> before = json.toTree(mention.envelope());
        String envelope = storedEnvelope(db, mention)
                // gone from the store (retention): nothing of its payload may stay either
                .orElseGet(() -> withEmptyPayload(before));
        Map<String, Object> after = json.toTree(envelope);
        List<String> erasedValues = new ArrayList<>();
        collectErased(before.get("payload"), after.get("payload"), erasedValues);
        if (erasedValues.isEmpty()) {
            return false;
        }
        Statements.update(db, "redact dead letter " + mention.id(), REDACT, envelope,
                without(mention.error(), erasedValues), without(mention.stackTrace(), erasedValues), mention.id());
        for (String value : erasedValues) {
            Statements.update(db, "redact the history of dead letter " + mention.id(), REDACT_HISTORY, value, ERASED,
                    mention.id(), value);
        }
        DeadLetterTable.recordAction(db, mention.id(), "ERASED", "erasure",
                "the personal data of " + subjectId + " was erased");
        return true;
    }

    private Optional<String> storedEnvelope(Connection db, Mention mention) throws SQLException {
        List<StoredEvent> found = store.readAllStored(db, new EventQuery(Set.of(mention.type()), Optional.empty(),
                Optional.empty()), mention.globalPosition() - 1, 1).events();
        return found.stream().filter(event -> event.globalPosition() == mention.globalPosition()).findFirst()
                .map(event -> wire.toJson(wire.headerOf(event), event.payload()));
    }

    private String withEmptyPayload(Map<String, Object> envelope) {
        Map<String, Object> emptied = new LinkedHashMap<>(envelope);
        emptied.put("payload", Map.of());
        return json.fromTree(emptied);
    }

    /** The text values of {@code before} that {@code after} no longer has in the same place. */
    private static void collectErased(Object before, Object after, List<String> erased) {
        if (before instanceof Map<?, ?> fields) {
            Map<?, ?> afterFields = after instanceof Map<?, ?> map ? map : Map.of();
            fields.forEach((name, value) -> collectErased(value, afterFields.get(name), erased));
        } else if (before instanceof List<?> items) {
            List<?> afterItems = after instanceof List<?> list ? list : List.of();
            for (int i = 0; i < items.size(); i++) {
                collectErased(items.get(i), i < afterItems.size() ? afterItems.get(i) : null, erased);
            }
        } else if (before instanceof String text && !text.isEmpty() && !Objects.equals(text, after)) {
            erased.add(text);
        }
    }

    private static String without(String text, List<String> erasedValues) {
        if (text == null) {
            return null;
        }
        String cleaned = text;
        for (String value : erasedValues) {
            cleaned = cleaned.replace(value, ERASED);
        }
        return cleaned;
    }
}
