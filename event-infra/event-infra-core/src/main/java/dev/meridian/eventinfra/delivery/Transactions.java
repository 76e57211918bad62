package dev.meridian.eventinfra.delivery;

import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apiguardian.api.API;

/**
 * The JTA demarcation event-infra's own threads (relay, consumers, projections) use around their work, with the
 * transaction manager's checked exceptions turned into {@link BookkeepingFailure}.
 */
@API(status = API.Status.STABLE)
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class.getName());

    private Transactions() {
    }

    /** Begins a transaction on this thread. */
    public static void begin(UserTransaction transaction) {
        try {
            transaction.begin();
        } catch (Exception e) {
            throw new BookkeepingFailure("Cannot begin a transaction", e);
        }
    }

    /** Commits this thread's transaction. */
    public static void commit(UserTransaction transaction) {
        try {
            transaction.commit();
        } catch (Exception e) {
            throw new BookkeepingFailure("Cannot commit a transaction", e);
        }
    }

    /** Rolls this thread's transaction back if there is one; a failure to do so is only logged. */
    public static void rollback(UserTransaction transaction) {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Cannot roll a transaction back", e);
        }
    }
}
