package dev.meridian.eventinfra.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * What the transaction of one relay or projection round sets for itself, in one round trip when it begins.
 *
 * <p>A bound on how long a dead holder keeps the round's lock. Both take a row lock for one batch; when the server
 * holding it dies, PostgreSQL ends the transaction as soon as the connection closes. But when the connection only
 * goes quiet (the server hangs, or the network between it and the database drops packets) the session would wait
 * for TCP keepalive, two hours by default on Linux, and every other server would stand by as long. With this limit
 * PostgreSQL ends a transaction that sits idle longer, and the lock with it.
 *
 * <p>Plans made once. Reads in global order filter on positions and optional parameters, and for such statements
 * PostgreSQL keeps planning each execution for its values, since that plan always looks a little cheaper than one
 * for any values. Planning took three times as long as running the read: in the delivery benchmark at 500 events/s,
 * 7 of the 60 seconds of a core went to planning the rounds' reads. Their plan is the same for any values (a scan
 * of the position index within a short range; {@code explain (generic_plan)} shows that plan on 5 million events
 * with 5,000 streams under retention too), so the round asks for generic plans, and hands the choice back before
 * code that is not ours (a projection's own statements) runs in its transaction.
 */
public final class RoundTransactions {

    private RoundTransactions() {
    }

    /**
     * From now to the end of the current transaction on {@code db}: idling longer than {@code lockIdleLimit} ends
     * it, and statements are planned once for any values.
     */
    public static void begin(Connection db, Duration lockIdleLimit) throws SQLException {
        try (Statement set = db.createStatement()) {
            set.execute("set local idle_in_transaction_session_timeout = " + lockIdleLimit.toMillis()
                    + "; set local plan_cache_mode = force_generic_plan");
        }
    }

    /** From now on in the current transaction, statements are planned as the database is configured to. */
    public static void planAsConfigured(Connection db) throws SQLException {
        try (Statement set = db.createStatement()) {
            set.execute("set local plan_cache_mode to default");
        }
    }
}
