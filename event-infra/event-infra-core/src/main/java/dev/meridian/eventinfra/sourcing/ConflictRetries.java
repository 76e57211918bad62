package dev.meridian.eventinfra.sourcing;

import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.delivery.Transactions;
import jakarta.transaction.UserTransaction;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Runs a command in a transaction of its own and runs it again, from loading the aggregate on, when another
 * transaction appended to the same stream first. For commands that many callers may send to one aggregate at once
 * (sign-ins to one account), where the conflict is expected; a failed append aborts the whole PostgreSQL
 * transaction, so only a new one can try again.
 *
 * <p>Between tries the command waits a random while that doubles with each try. Without it, callers that collided
 * once start again together and collide again: six sign-ins at once to one account could each lose five times in a
 * row, because only one of them wins each round.
 */
@API(status = API.Status.STABLE)
public final class ConflictRetries {

    private static final int ATTEMPTS = 8;
    private static final long FIRST_WAIT_BOUND_MILLIS = 10;

    private ConflictRetries() {
    }

    /**
     * What {@code command} returned in the first of at most {@value #ATTEMPTS} transactions that committed; the last
     * conflict when none did. Any other failure rolls back and propagates at once.
     */
    public static <T> T inOwnTransaction(UserTransaction transaction, Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            Transactions.begin(transaction);
            try {
                T result = command.get();
                Transactions.commit(transaction);
                return result;
            } catch (ConcurrencyConflictException e) {
                Transactions.rollback(transaction);
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                waitAfterConflict(attempt);
            } catch (RuntimeException | Error e) {
                Transactions.rollback(transaction);
                throw e;
            }
        }
    }

    private static void waitAfterConflict(int conflicts) {
        long bound = FIRST_WAIT_BOUND_MILLIS << (conflicts - 1);
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to try a conflicting command again", e);
        }
    }
}
