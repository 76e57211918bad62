package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.web.Page;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What operators read of the dead-letter table: pages that match a filter, one dead letter with its history, and
 * the parked ones a redrive takes.
 *
 * <p>Each query states only the conditions its filter has. A catch-all statement ({@code ? is null or consumer = ?}
 * for every condition) gets one plan for every combination, and with 100,000 rows that plan is a scan of the whole
 * table. The indexes of migration V9 serve the combinations the console offers; the README shows their plans and
 * timings.
 */
public final class DeadLetterQueries {

    /**
     * A page counts the matches up to this many and then says "at least": counting 90,000 matches of a broad
     * filter costs more than the page itself, and no operator pages through them. {@link #count} is exact.
     */
    public static final int COUNT_LIMIT = 1_000;

    /** The shortest text the free-text search takes: the trigram index cannot narrow a search for less. */
    public static final int MIN_TEXT_LENGTH = 3;

    private static final String SUMMARY_COLUMNS = """
            id, consumer, event_id, event_type, stream_id, error, attempts, status, first_failed_at, last_failed_at,
            created_at, resolved_at""";
    private static final String DETAIL = "select " + SUMMARY_COLUMNS
            + ", envelope::text, stack_trace from event_infra.dead_letters where id = ?";
    private static final String HISTORY = """
            select action, actor, reason, at from event_infra.dead_letter_actions where dead_letter_id = ? order by id
            """;

    private final DataSource dataSource;

    public DeadLetterQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What to look for; empty parts match everything.
     *
     * @param consumer  the consuming module
     * @param eventType the event's type name
     * @param status    PARKED, WAITING, RESOLVED or DISCARDED
     * @param from      parked at or after
     * @param to        parked before
     * @param text      a piece of the error or of the envelope, case-insensitive, at least
     *                  {@value #MIN_TEXT_LENGTH} characters
     */
    public record Filter(Optional<String> consumer, Optional<String> eventType, Optional<String> status,
                         Optional<Instant> from, Optional<Instant> to, Optional<String> text) {

        public Filter {
            if (text.isPresent() && text.get().length() < MIN_TEXT_LENGTH) {
                throw new IllegalArgumentException(
                        "the search text must have at least " + MIN_TEXT_LENGTH + " characters");
            }
        }

        /** Everything. */
        public static Filter all() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }

        /** This filter with the status PARKED. */
        public Filter parked() {
            return new Filter(consumer, eventType, Optional.of("PARKED"), from, to, text);
        }
    }

    /** The order of a page; the id settles ties, so paging never shows a row twice or skips one. */
    public enum Order {
        /** Parked most recently first, the default. */
        NEWEST("created_at desc, id"),
        /** Parked longest ago first. */
        OLDEST("created_at, id desc"),
        /** Failed most recently first. */
        LAST_FAILED_NEWEST("last_failed_at desc, id"),
        /** Failed longest ago first. */
        LAST_FAILED_OLDEST("last_failed_at, id desc");

        // each is one of the indexes' orders, read forwards or backwards, so a page stops after its rows
        private final String sql;

        Order(String sql) {
            this.sql = sql;
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

    /** A page of dead letters matching {@code filter}; its total is exact up to {@value #COUNT_LIMIT}. */
    public Page<Summary> find(Filter filter, Order order, int page, int size) {
        Condition where = Condition.of(filter);
        long skipped = (long) page * size;
        return withCustomPlans("query dead letters", db -> {
            List<Summary> items = Statements.query(db, "query dead letters", pageQuery(where, order),
                    DeadLetterQueries::summary, where.valuesThen((long) size, skipped));
            if (items.size() < size && (page == 0 || !items.isEmpty())) {
                // the last page: it says how many there are without counting them again
                return new Page<>(items, page, size, skipped + items.size());
            }
            long matches = Statements.query(db, "count dead letters", cappedCount(where), row -> row.getLong(1),
                    where.valuesThen((long) COUNT_LIMIT + 1)).get(0);
            return matches > COUNT_LIMIT
                    ? Page.atLeast(items, page, size, COUNT_LIMIT)
                    : new Page<>(items, page, size, matches);
        });
    }

    /** How many dead letters match {@code filter}, however many. */
    public long count(Filter filter) {
        Condition where = Condition.of(filter);
        return withCustomPlans("count dead letters", db -> Statements.query(db, "count dead letters",
                "select count(*) from event_infra.dead_letters" + where.sql, row -> row.getLong(1),
                where.valuesThen()).get(0));
    }

    /**
     * A dead letter that matched a filter.
     *
     * @param id       its id
     * @param consumer the consuming module it failed in
     */
    public record Match(UUID id, String consumer) {
    }

    /** The dead letters matching {@code filter}, in the order their events were stored. */
    public List<Match> matches(Filter filter) {
        Condition where = Condition.of(filter);
        return withCustomPlans("query dead letters", db -> Statements.query(db, "query dead letters",
                "select id, consumer from event_infra.dead_letters" + where.sql + " order by global_position",
                row -> new Match(row.getObject(1, UUID.class), row.getString(2)), where.valuesThen()));
    }

    /** One dead letter with its envelope, stack trace and history. */
    public Optional<Detail> get(UUID id) {
        List<Action> history = Statements.query(dataSource, "read dead letter " + id, HISTORY,
                row -> new Action(row.getString(1), row.getString(2), row.getString(3), instant(row, 4)), id);
        return Statements.query(dataSource, "read dead letter " + id, DETAIL,
                row -> new Detail(summary(row), row.getString(13), row.getString(14), history), id)
                .stream().findFirst();
    }

    /**
     * The plans PostgreSQL runs {@link #find} with, executed ({@code explain (analyze, buffers)}): the page's query,
     * then the count's. For measuring the indexes against the queries the console sends.
     */
    public List<String> explainFind(Filter filter, Order order, int page, int size) {
        Condition where = Condition.of(filter);
        List<String> plan = new ArrayList<>(Statements.query(dataSource, "explain a dead-letter query",
                "explain (analyze, buffers, costs off) " + pageQuery(where, order), row -> row.getString(1),
                where.valuesThen((long) size, (long) page * size)));
        plan.addAll(Statements.query(dataSource, "explain a dead-letter count",
                "explain (analyze, buffers, costs off) " + cappedCount(where), row -> row.getString(1),
                where.valuesThen((long) COUNT_LIMIT + 1)));
        return plan;
    }

    private static String pageQuery(Condition where, Order order) {
        return "select " + SUMMARY_COLUMNS + " from event_infra.dead_letters" + where.sql + " order by " + order.sql
                + " limit ? offset ?";
    }

    private static String cappedCount(Condition where) {
        return "select count(*) from (select from event_infra.dead_letters" + where.sql + " limit ?) matching";
    }

    /** Work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Connection db) throws SQLException;
    }

    /**
     * Runs {@code work} with plans made for each execution's values. After five executions of one statement the
     * driver prepares it on the server, and PostgreSQL may then keep a generic plan, one made without the values:
     * for a search text that plan reads the trigram index for every match even where a scan in page order stops
     * after 50 rows (measured: a count of 8.6 ms took 29 ms).
     */
    private <T> T withCustomPlans(String purpose, Work<T> work) {
        try (Connection db = dataSource.getConnection()) {
            try (Statement set = db.createStatement()) {
                set.execute("set plan_cache_mode = force_custom_plan");
            }
            try {
                return work.on(db);
            } finally {
                try (Statement reset = db.createStatement()) {
                    reset.execute("reset plan_cache_mode");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + purpose, e);
        }
    }

    /** The where clause of a filter, with its values in order; only plain text of this class goes into the SQL. */
    private record Condition(String sql, List<Object> values) {

        static Condition of(Filter filter) {
            List<String> conditions = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            filter.consumer().ifPresent(consumer -> add(conditions, values, "consumer = ?", consumer));
            filter.eventType().ifPresent(type -> add(conditions, values, "event_type = ?", type));
            filter.status().ifPresent(status -> add(conditions, values, "status = ?", status));
            filter.from().ifPresent(from -> add(conditions, values, "created_at >= ?",
                    OffsetDateTime.ofInstant(from, ZoneOffset.UTC)));
            filter.to().ifPresent(to -> add(conditions, values, "created_at < ?",
                    OffsetDateTime.ofInstant(to, ZoneOffset.UTC)));
            // search_text is in lower case (V9), lowered by the same function as the pattern; the trigram index
            // narrows "like" as it does "ilike", and "like" costs a fraction of "ilike" on what it still reads
            filter.text().ifPresent(text -> add(conditions, values, "search_text like lower(?)",
                    "%" + likeLiteral(text) + "%"));
            return new Condition(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), values);
        }

        private static void add(List<String> conditions, List<Object> values, String condition, Object value) {
            conditions.add(condition);
            values.add(value);
        }

        /** {@code text} matching itself in a like pattern: its wildcards and the escape character escaped. */
        private static String likeLiteral(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }

        Object[] valuesThen(Object... more) {
            List<Object> all = new ArrayList<>(values);
            all.addAll(List.of(more));
            return all.toArray();
        }
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
}
