package dev.meridian.eventinfra.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A bound on how long a dead holder keeps a relay's or a projection's lock. Both take a row lock for one batch;
 * when the server holding it dies, PostgreSQL ends the transaction as soon as the connection closes. But when the
 * connection only goes quiet (the server hangs, or the network between it and the database drops packets) the
 * session would wait for TCP keepalive, two hours by default on Linux, and every other server would stand by as
 * long. With this limit PostgreSQL ends a transaction that sits idle longer, and the lock with it.
 */
public final class HeldLocks {

    private HeldLocks() {
    }

    /** From now to the end of the current transaction on {@code db}, idling longer than {@code limit} ends it. */
    public static void releaseAfterIdling(Connection db, Duration limit) throws SQLException {
        try (Statement set = db.createStatement()) {
            set.execute("set local idle_in_transaction_session_timeout = " + limit.toMillis());
        }
    }
}
