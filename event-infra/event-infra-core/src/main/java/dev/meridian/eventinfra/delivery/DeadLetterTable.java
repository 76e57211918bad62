package dev.meridian.eventinfra.delivery;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The statements on {@code event_infra.inbox}, {@code dead_letters} and {@code dead_letter_actions} that delivery
 * and redrive share. Every method runs on the caller's connection, inside the caller's transaction.
 */
final class DeadLetterTable {

    /** Stack traces are cut here: enough to find the cause, small enough to page through thousands of rows. */
    private static final int MAX_STACK_TRACE = 16_000;

    private static final String ACCEPT = """
            insert into event_infra.inbox (consumer, event_id) values (?, ?) on conflict do nothing
            """;
    // one round trip for what every delivery asks first: new to the inbox? held up behind a dead letter?
    private static final String ADMIT = """
            with accepted as (insert into event_infra.inbox (consumer, event_id) select ?, unnest(?::uuid[])
                              on conflict do nothing returning event_id)
            select array(select event_id from accepted),
                   exists (select 1 from event_infra.dead_letters
                           where consumer = ? and stream_id = any(?) and status in ('PARKED', 'WAITING'))
            """;
    private static final String OPEN_IN_STREAMS = """
            select exists (select 1 from event_infra.dead_letters
                           where consumer = ? and stream_id = any(?) and status in ('PARKED', 'WAITING'))
            """;

    private static final String LOCK_STREAM = "select pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))";
    private static final String INSERT = """
            insert into event_infra.dead_letters (id, consumer, event_id, event_type, event_version, stream_id,
                                                  stream_version, global_position, occurred_at, correlation_id,
                                                  envelope, error, stack_trace, attempts, status, first_failed_at,
                                                  last_failed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::uuid, ?::jsonb, ?, ?, ?, ?, ?, ?)
            """;
    private static final String RECORD_ACTION = """
            insert into event_infra.dead_letter_actions (dead_letter_id, action, actor, reason) values (?, ?, ?, ?)
            """;
    private static final String FAILED_AGAIN = """
            update event_infra.dead_letters
               set status = 'PARKED', attempts = attempts + 1, error = ?, stack_trace = ?,
                   first_failed_at = coalesce(first_failed_at, now()), last_failed_at = now()
             where id = ?
            """;
    private static final String CLOSE = """
            update event_infra.dead_letters set status = ?, resolved_at = now()
             where id = ? and status in ('PARKED', 'WAITING')
            """;

    /** Records that {@code consumer} accepted the event; false when it had already. */
    static boolean accept(Connection db, String consumer, UUID eventId) throws SQLException {
        try (PreparedStatement accept = db.prepareStatement(ACCEPT)) {
            accept.setString(1, consumer);
            accept.setObject(2, eventId);
            return accept.executeUpdate() == 1;
        }
    }

    /**
     * What the inbox and the dead letters say about events arriving for a consumer.
     *
     * @param accepted          the events the consumer had not accepted before (now recorded as accepted)
     * @param anyStreamBlocked  whether a dead letter of the consumer holds up one of the events' streams
     */
    record Admission(Set<UUID> accepted, boolean anyStreamBlocked) {
    }

    /** Records that {@code consumer} accepted the events, and tells whether one of {@code streamIds} is held up. */
    static Admission admit(Connection db, String consumer, Collection<UUID> eventIds, Collection<String> streamIds)
            throws SQLException {
        try (PreparedStatement admit = db.prepareStatement(ADMIT)) {
            admit.setString(1, consumer);
            admit.setArray(2, db.createArrayOf("uuid", eventIds.toArray()));
            admit.setString(3, consumer);
            admit.setArray(4, db.createArrayOf("text", streamIds.toArray()));
            try (ResultSet row = admit.executeQuery()) {
                row.next();
                Set<UUID> accepted = new HashSet<>(Arrays.asList((UUID[]) row.getArray(1).getArray()));
                return new Admission(accepted, row.getBoolean(2));
            }
        }
    }

    /** Whether an event of any of the streams is parked (or waiting) for {@code consumer}. */
    static boolean anyStreamBlocked(Connection db, String consumer, Collection<String> streamIds)
            throws SQLException {
        try (PreparedStatement query = db.prepareStatement(OPEN_IN_STREAMS)) {
            query.setString(1, consumer);
            query.setArray(2, db.createArrayOf("text", streamIds.toArray()));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /**
     * Serializes delivery and redrive on one consumer's stream until the transaction ends, so that an event is
     * never set waiting behind a parked one that a redrive is just finishing.
     */
    static void lockStream(Connection db, String consumer, String streamId) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(LOCK_STREAM)) {
            lock.setString(1, consumer);
            lock.setString(2, streamId);
            lock.executeQuery().close();
        }
    }

    /** Parks a delivery that failed {@code attempts} times; returns the dead letter's id. */
    static UUID park(Connection db, Delivery delivery, Throwable failure, int attempts, Instant firstFailedAt)
            throws SQLException {
        UUID id = insert(db, delivery, "PARKED", Optional.of(failure), attempts, firstFailedAt);
        recordAction(db, id, "PARKED", "delivery", "failed " + attempts + " attempts: " + messageOf(failure));
        return id;
    }

    /** Sets a delivery waiting behind an earlier parked event of its stream; returns the dead letter's id. */
    static UUID waitBehind(Connection db, Delivery delivery) throws SQLException {
        UUID id = insert(db, delivery, "WAITING", Optional.empty(), 0, null);
        recordAction(db, id, "WAITING", "delivery", "an earlier event of the stream is parked for this consumer");
        return id;
    }

    private static UUID insert(Connection db, Delivery delivery, String status, Optional<Throwable> failure,
                               int attempts, Instant firstFailedAt) throws SQLException {
        UUID id = UUID.randomUUID();
        WireFormat.Header header = delivery.header();
        try (PreparedStatement insert = db.prepareStatement(INSERT)) {
            insert.setObject(1, id);
            insert.setString(2, delivery.consumer());
            insert.setObject(3, header.id());
            insert.setString(4, header.type());
            insert.setInt(5, header.version());
            insert.setString(6, header.streamId());
            insert.setLong(7, header.streamVersion());
            insert.setLong(8, header.globalPosition());
            insert.setString(9, header.occurredAt());
            insert.setString(10, header.correlationId());
            insert.setString(11, delivery.envelopeJson());
            insert.setString(12, failure.map(DeadLetterTable::messageOf).orElse(null));
            insert.setString(13, failure.map(DeadLetterTable::stackTraceOf).orElse(null));
            insert.setInt(14, attempts);
            insert.setString(15, status);
            insert.setTimestamp(16, firstFailedAt == null ? null : Timestamp.from(firstFailedAt));
            insert.setTimestamp(17, failure.isPresent() ? Timestamp.from(Instant.now()) : null);
            insert.executeUpdate();
        }
        return id;
    }

    /** A redrive of the dead letter failed again: it is (again) the parked head of its stream. */
    static void failedAgain(Connection db, UUID id, Throwable failure) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(FAILED_AGAIN)) {
            update.setString(1, messageOf(failure));
            update.setString(2, stackTraceOf(failure));
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    /** Ends the dead letter as RESOLVED or DISCARDED; false when it had already ended. */
    static boolean close(Connection db, UUID id, String status) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(CLOSE)) {
            update.setString(1, status);
            update.setObject(2, id);
            return update.executeUpdate() == 1;
        }
    }

    static void recordAction(Connection db, UUID id, String action, String actor, String reason)
            throws SQLException {
        try (PreparedStatement record = db.prepareStatement(RECORD_ACTION)) {
            record.setObject(1, id);
            record.setString(2, action);
            record.setString(3, actor);
            record.setString(4, reason);
            record.executeUpdate();
        }
    }

    static String messageOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == failure ? message : message + " (in " + failure.getClass().getSimpleName() + ")";
    }

    private static String stackTraceOf(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        return text.length() <= MAX_STACK_TRACE ? text : text.substring(0, MAX_STACK_TRACE) + "\n\t...";
    }

    private DeadLetterTable() {
    }
}
