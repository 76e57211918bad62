package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.module.SchemaMigrations;
import dev.meridian.eventinfra.web.Page;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The dead-letter table for operators: find parked deliveries, look into one, redrive one or all that match a
 * filter (to their consumer only), or discard one with a reason. Every action is recorded with who did it and
 * when.
 */
@ApplicationScoped
public class DeadLetters {

    private static final String FILTERED = """
            from event_infra.dead_letters
            where (?::text is null or consumer = ?::text)
              and (?::text is null or event_type = ?::text)
              and (?::text is null or status = ?::text)
              and (?::timestamptz is null or created_at >= ?::timestamptz)
              and (?::timestamptz is null or created_at < ?::timestamptz)
              and (?::text is null or error ilike '%' || ?::text || '%' or envelope::text ilike '%' || ?::text || '%')
            """;
    private static final String SUMMARY_COLUMNS = """
            id, consumer, event_id, event_type, stream_id, error, attempts, status, first_failed_at, last_failed_at,
            created_at, resolved_at
            """;
    private static final String PAGE = "select " + SUMMARY_COLUMNS + FILTERED
            + " order by created_at desc, id limit ? offset ?";
    private static final String COUNT = "select count(*) " + FILTERED;
    private static final String MATCHING = "select id " + FILTERED + " order by global_position";
    private static final String DETAIL = "select " + SUMMARY_COLUMNS
            + ", envelope::text, stack_trace from event_infra.dead_letters where id = ?";
    private static final String HISTORY = """
            select action, actor, reason, at from event_infra.dead_letter_actions where dead_letter_id = ? order by id
            """;
    private static final String NEXT_WAITING = """
            select id, envelope::text from event_infra.dead_letters
            where consumer = ? and stream_id = ? and status = 'WAITING'
              and not exists (select 1 from event_infra.dead_letters parked
                              where parked.consumer = ? and parked.stream_id = ? and parked.status = 'PARKED')
            order by stream_version limit 1
            """;

    @Resource(lookup = SchemaMigrations.DATASOURCE)
    DataSource dataSource;

    @Inject
    DeliveryRuntime runtime;

    /**
     * What to look for; empty parts match everything.
     *
     * @param consumer  the consuming module
     * @param eventType the event's type name
     * @param status    PARKED, WAITING, RESOLVED or DISCARDED
     * @param from      parked at or after
     * @param to        parked before
     * @param text      a piece of the error or of the envelope, case-insensitive
     */
    public record Filter(Optional<String> consumer, Optional<String> eventType, Optional<String> status,
                         Optional<Instant> from, Optional<Instant> to, Optional<String> text) {

        /** Everything. */
        public static Filter all() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * One dead letter in a list.
     *
     * @param id            its id
     * @param consumer      the consuming module it failed in
     * @param eventId       the event
     * @param eventType     the event's type name
     * @param streamId      the event's stream
     * @param error         the last failure, root cause first
     * @param attempts      deliveries tried so far
     * @param status        PARKED, WAITING, RESOLVED or DISCARDED
     * @param firstFailedAt the first failure
     * @param lastFailedAt  the last failure
     * @param createdAt     when it entered the table
     * @param resolvedAt    when it was resolved or discarded
     */
    public record Summary(UUID id, String consumer, UUID eventId, String eventType, String streamId, String error,
                          int attempts, String status, Instant firstFailedAt, Instant lastFailedAt,
                          Instant createdAt, Instant resolvedAt) {
    }

    /**
     * Everything about one dead letter.
     *
     * @param summary    as listed
     * @param envelope   the event's envelope (wire format), payload included
     * @param stackTrace the last failure's stack trace
     * @param history    what happened to it, oldest first
     */
    public record Detail(Summary summary, String envelope, String stackTrace, List<Action> history) {
    }

    /**
     * Something that happened to a dead letter.
     *
     * @param action PARKED, WAITING, RETRIED, RETRY_FAILED, RELEASED or DISCARDED
     * @param actor  who: an operator's name, or "delivery"
     * @param reason why, or the failure
     * @param at     when
     */
    public record Action(String action, String actor, String reason, Instant at) {
    }

    /**
     * A dead letter waiting behind nothing any more, ready to be released.
     *
     * @param id           the dead letter
     * @param envelopeJson the event's envelope
     */
    record Waiting(UUID id, String envelopeJson) {
    }

    /** A page of dead letters matching {@code filter}, newest first. */
    public Page<Summary> find(Filter filter, int page, int size) {
        try (Connection db = dataSource.getConnection()) {
            List<Summary> items = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement(PAGE)) {
                int next = bind(query, filter);
                query.setInt(next++, size);
                query.setLong(next, (long) page * size);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(summary(rows));
                    }
                }
            }
            long total;
            try (PreparedStatement count = db.prepareStatement(COUNT)) {
                bind(count, filter);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    total = row.getLong(1);
                }
            }
            return new Page<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query dead letters", e);
        }
    }

    /** One dead letter with its envelope, stack trace and history. */
    public Optional<Detail> get(UUID id) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement(DETAIL)) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Detail(summary(row), row.getString(13), row.getString(14), history(db, id)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read dead letter " + id, e);
        }
    }

    /**
     * Starts a redrive of one parked dead letter to its consumer (and of what waited behind it); the outcome shows
     * in its status and history.
     *
     * @throws IllegalStateException when it is not parked or its consumer does not run in this server
     */
    public void retry(UUID id, String actor) {
        Detail detail = get(id).orElseThrow(() -> new NoSuchDeadLetterException(id));
        if (!"PARKED".equals(detail.summary().status())) {
            throw new IllegalStateException("Dead letter " + id + " is " + detail.summary().status()
                    + "; only a parked one can be retried (a waiting one follows its stream's parked event)");
        }
        runtime.redrive(detail.summary().consumer(), id, detail.envelope(), actor);
    }

    /** Starts a redrive of every parked dead letter matching {@code filter} (whatever its status); returns how many. */
    public int retryMatching(Filter filter, String actor) {
        Filter parked = new Filter(filter.consumer(), filter.eventType(), Optional.of("PARKED"), filter.from(),
                filter.to(), filter.text());
        List<UUID> ids = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement(MATCHING)) {
            bind(query, parked);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query dead letters", e);
        }
        for (UUID id : ids) {
            retry(id, actor);
        }
        return ids.size();
    }

    /**
     * Discards a parked or waiting dead letter: it stays in the table as DISCARDED with who and why, and the
     * consumer's events of the stream that waited behind it are released.
     */
    public void discard(UUID id, String actor, String reason) {
        Detail detail = get(id).orElseThrow(() -> new NoSuchDeadLetterException(id));
        runtime.discard(detail.summary().consumer(), detail.summary().streamId(), id, actor, reason);
    }

    static Waiting nextWaiting(Connection db, String consumer, String streamId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(NEXT_WAITING)) {
            query.setString(1, consumer);
            query.setString(2, streamId);
            query.setString(3, consumer);
            query.setString(4, streamId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Waiting(row.getObject(1, UUID.class), row.getString(2)) : null;
            }
        }
    }

    private static List<Action> history(Connection db, UUID id) throws SQLException {
        List<Action> history = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(HISTORY)) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    history.add(new Action(rows.getString(1), rows.getString(2), rows.getString(3),
                            instant(rows, 4)));
                }
            }
        }
        return history;
    }

    private static int bind(PreparedStatement query, Filter filter) throws SQLException {
        int p = 1;
        for (Optional<String> text : List.of(filter.consumer(), filter.eventType(), filter.status())) {
            query.setString(p++, text.orElse(null));
            query.setString(p++, text.orElse(null));
        }
        for (Optional<Instant> time : List.of(filter.from(), filter.to())) {
            String value = time.map(Instant::toString).orElse(null);
            query.setString(p++, value);
            query.setString(p++, value);
        }
        String text = filter.text().orElse(null);
        query.setString(p++, text);
        query.setString(p++, text);
        query.setString(p++, text);
        return p;
    }

    private static Summary summary(ResultSet row) throws SQLException {
        return new Summary(row.getObject(1, UUID.class), row.getString(2), row.getObject(3, UUID.class),
                row.getString(4), row.getString(5), row.getString(6), row.getInt(7), row.getString(8),
                instant(row, 9), instant(row, 10), instant(row, 11), instant(row, 12));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** There is no dead letter with this id. */
    public static final class NoSuchDeadLetterException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoSuchDeadLetterException(UUID id) {
            super("There is no dead letter " + id);
        }
    }
}
