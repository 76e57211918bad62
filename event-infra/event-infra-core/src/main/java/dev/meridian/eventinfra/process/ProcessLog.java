package dev.meridian.eventinfra.process;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.web.Page;
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
import org.apiguardian.api.API;

/**
 * Records processes and each module's part in them. Every write joins the caller's transaction, so a module's step
 * and its record commit together or not at all. A participant's callbacks are idempotent through it: only the
 * first {@link #complete} or {@link #compensate} of a part returns its subject, a repeat returns nothing.
 */
@ApplicationScoped
@API(status = API.Status.EXPERIMENTAL)
public class ProcessLog {

    private static final String BEGIN = """
            insert into event_infra.processes (id, lra_id, type, subject_id, status) values (?, ?, ?, ?, 'RUNNING')
            """;
    private static final String END = """
            update event_infra.processes set status = ?, outcome = coalesce(outcome, ?), ended_at = now()
            where lra_id = ? and status = 'RUNNING'
            """;
    private static final String JOIN = """
            insert into event_infra.process_participants (lra_id, module, subject_id, state) values (?, ?, ?, 'ACTIVE')
            on conflict (lra_id, module) do nothing
            """;
    private static final String STATE = """
            select state from event_infra.process_participants where lra_id = ? and module = ?
            """;
    private static final String COMPLETE = """
            update event_infra.process_participants set state = 'COMPLETED', updated_at = now()
            where lra_id = ? and module = ? and state = 'ACTIVE' returning subject_id
            """;
    // absent: the step never committed (or has not yet); the row left behind stops it from happening later
    private static final String COMPENSATE = """
            insert into event_infra.process_participants as part (lra_id, module, state) values (?, ?, 'COMPENSATED')
            on conflict (lra_id, module) do update set state = 'COMPENSATED', updated_at = now()
            where part.state = 'ACTIVE'
            returning subject_id, xmax <> 0
            """;
    private static final String STEP = """
            insert into event_infra.process_steps (lra_id, module, step, detail) values (?, ?, ?, ?)
            """;
    private static final String COLUMNS = "id, lra_id, type, subject_id, status, started_at, ended_at, outcome";
    private static final String FILTER = " where (?::text is null or type = ?) and (?::text is null or status = ?)";
    private static final String PAGE = "select " + COLUMNS + " from event_infra.processes" + FILTER
            + " order by started_at desc, id limit ? offset ?";
    private static final String COUNT = "select count(*) from event_infra.processes" + FILTER;
    private static final String ONE = "select " + COLUMNS + " from event_infra.processes where id = ?";
    private static final String LATEST = "select " + COLUMNS + " from event_infra.processes"
            + " where type = ? and subject_id = ? order by started_at desc limit 1";
    private static final String STEPS = """
            select module, step, detail, at from event_infra.process_steps where lra_id = ? order by id
            """;

    @Inject
    DataSource dataSource;

    /**
     * A process of {@code type} about {@code subjectId} started under the LRA {@code lraId}.
     *
     * @return the process' id
     */
    public UUID begin(String lraId, String type, UUID subjectId) {
        UUID id = UUID.randomUUID();
        update(BEGIN, id, lraId, type, subjectId);
        return id;
    }

    /**
     * The process ended as {@code status} (CLOSED, CANCELLED or FAILED); {@code outcome} says why, when it did not
     * close. Only the first end counts.
     */
    public void end(String lraId, String status, String outcome) {
        update(END, status, outcome, lraId);
    }

    /**
     * The coordinator reported the process' LRA ended as {@code lraStatus} (the name of MicroProfile LRA's
     * {@code LRAStatus}): Closed and Cancelled end it so, anything else (a participant that could not complete or
     * compensate) ends it FAILED.
     */
    public void endedAtCoordinator(String lraId, String lraStatus) {
        switch (lraStatus) {
            case "Closed" -> end(lraId, "CLOSED", null);
            case "Cancelled" -> end(lraId, "CANCELLED", null);
            default -> end(lraId, "FAILED", "the coordinator ended it " + lraStatus);
        }
    }

    /**
     * {@code module} takes its step {@code step} in the process about {@code subjectId}, in the caller's
     * transaction.
     *
     * @return whether the step is to be taken now; a repeated request finds it taken before, and a process
     *         cancelled before the step committed finds it cancelled (the step must not be taken then)
     */
    public Joining join(String lraId, String module, UUID subjectId, String step) {
        if (update(JOIN, lraId, module, subjectId) == 1) {
            record(lraId, module, step, null);
            return Joining.JOINED;
        }
        return state(lraId, module).filter(state -> state == ParticipantState.COMPENSATED).isPresent()
                ? Joining.CANCELLED : Joining.JOINED_BEFORE;
    }

    /** What asking to take a step in a process came to. */
    public enum Joining {
        /** The step is recorded: take it. */
        JOINED,
        /** The step was taken before: nothing to do. */
        JOINED_BEFORE,
        /** The process was cancelled: do not take it. */
        CANCELLED
    }

    /** The subject of {@code module}'s part, when this call completes it; empty when there is none to complete. */
    public Optional<UUID> complete(String lraId, String module) {
        try (Connection db = dataSource.getConnection(); PreparedStatement complete = db.prepareStatement(COMPLETE)) {
            complete.setString(1, lraId);
            complete.setString(2, module);
            try (ResultSet row = complete.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                record(lraId, module, "completed", null);
                return Optional.of(row.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot complete " + module + "'s part in " + lraId, e);
        }
    }

    /**
     * The subject of {@code module}'s part, when this call compensates a step that was taken; empty when there was
     * no step (none will be taken now either) or it was compensated before.
     */
    public Optional<UUID> compensate(String lraId, String module, String reason) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement compensate = db.prepareStatement(COMPENSATE)) {
            compensate.setString(1, lraId);
            compensate.setString(2, module);
            try (ResultSet row = compensate.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                boolean stepTaken = row.getBoolean(2);
                record(lraId, module, stepTaken ? "compensated" : "cancelled before its step", reason);
                return Optional.ofNullable(row.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot compensate " + module + "'s part in " + lraId, e);
        }
    }

    /** Where {@code module}'s part stands; empty when it has none. */
    public Optional<ParticipantState> state(String lraId, String module) {
        try (Connection db = dataSource.getConnection(); PreparedStatement state = db.prepareStatement(STATE)) {
            state.setString(1, lraId);
            state.setString(2, module);
            try (ResultSet row = state.executeQuery()) {
                return row.next() ? Optional.of(ParticipantState.valueOf(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + module + "'s part in " + lraId, e);
        }
    }

    /** Something {@code module} did or saw in the process, for the operator. */
    public void record(String lraId, String module, String step, String detail) {
        update(STEP, lraId, module, step, detail);
    }

    /** A page of processes, newest first; an empty filter part matches every process. */
    public Page<ProcessSummary> find(Optional<String> type, Optional<String> status, int page, int size) {
        try (Connection db = dataSource.getConnection()) {
            List<ProcessSummary> items = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement(PAGE)) {
                int next = bindFilter(query, type, status);
                query.setInt(next++, size);
                query.setLong(next, (long) page * size);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(summary(rows));
                    }
                }
            }
            try (PreparedStatement count = db.prepareStatement(COUNT)) {
                bindFilter(count, type, status);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return new Page<>(items, page, size, row.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query processes", e);
        }
    }

    /** The newest process of {@code type} about {@code subjectId}, if any. */
    public Optional<ProcessSummary> latest(String type, UUID subjectId) {
        try (Connection db = dataSource.getConnection(); PreparedStatement latest = db.prepareStatement(LATEST)) {
            latest.setString(1, type);
            latest.setObject(2, subjectId);
            try (ResultSet row = latest.executeQuery()) {
                return row.next() ? Optional.of(summary(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the " + type + " processes of " + subjectId, e);
        }
    }

    /** One process with its steps in the order they happened. */
    public Optional<ProcessDetail> get(UUID id) {
        try (Connection db = dataSource.getConnection(); PreparedStatement one = db.prepareStatement(ONE)) {
            one.setObject(1, id);
            try (ResultSet row = one.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                ProcessSummary summary = summary(row);
                return Optional.of(new ProcessDetail(summary, steps(db, summary.lraId())));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read process " + id, e);
        }
    }

    private static List<ProcessStep> steps(Connection db, String lraId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(STEPS)) {
            query.setString(1, lraId);
            List<ProcessStep> steps = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    steps.add(new ProcessStep(rows.getString(1), rows.getString(2), rows.getString(3),
                            instant(rows, 4)));
                }
            }
            return steps;
        }
    }

    private int update(String statement, Object... values) {
        return Statements.update(dataSource, "write the process log", statement, values);
    }

    private static int bindFilter(PreparedStatement query, Optional<String> type, Optional<String> status)
            throws SQLException {
        query.setString(1, type.orElse(null));
        query.setString(2, type.orElse(null));
        query.setString(3, status.orElse(null));
        query.setString(4, status.orElse(null));
        return 5;
    }

    private static ProcessSummary summary(ResultSet row) throws SQLException {
        return new ProcessSummary(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                row.getObject(4, UUID.class), row.getString(5), instant(row, 6), instant(row, 7), row.getString(8));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
