package dev.meridian.eventinfra.web;

import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure caused by the database being out of reach (stopped, restarting, crashed, unreachable, or the
 * connection pool unable to open a connection) from any other. Such a failure is the database's, not the request's:
 * the API answers 503 and the same request works again once the database is back, with no restart.
 */
final class DatabaseOutage {

    /**
     * PostgreSQL's SQLSTATE codes of a database that went away: class 08 (connection exception) by prefix, and
     * {@code admin_shutdown}, {@code crash_shutdown}, {@code cannot_connect_now} and {@code too_many_connections}.
     */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseOutage() {
    }

    /**
     * The first of {@code failure}'s causes, or of the exceptions suppressed in them, that says the database could not
     * be reached; empty when none does.
     * The transaction manager reports a commit that failed that way as a rollback or heuristic outcome, with the
     * driver's exception among the suppressed ones.
     */
    static Optional<Throwable> causeIn(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toLook = new ArrayDeque<>(List.of(failure));
        while (!toLook.isEmpty()) {
            Throwable cause = toLook.pop();
            if (!seen.add(cause)) {
                continue;
            }
            // a ResourceException: the server's pool could not hand out a connection, or commit on one
            boolean outage = cause instanceof SQLException sql && isOutage(sql.getSQLState())
                    || cause instanceof ResourceException;
            if (outage) {
                return Optional.of(cause);
            }
            if (cause.getCause() != null) {
                toLook.push(cause.getCause());
            }
            toLook.addAll(List.of(cause.getSuppressed()));
        }
        return Optional.empty();
    }

    private static boolean isOutage(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS) || OUTAGE_STATES.contains(sqlState));
    }
}
