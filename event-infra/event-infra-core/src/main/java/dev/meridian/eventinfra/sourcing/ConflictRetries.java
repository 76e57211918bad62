package dev.meridian.eventinfra.sourcing;

import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.delivery.Transactions;
import jakarta.transaction.UserTransaction;
import java.util.function.Supplier;

/**
 * Runs a command in a transaction of its own and runs it again, from loading the aggregate on, when another
 * transaction appended to the same stream first. For commands that many callers may send to one aggregate at once
 * (sign-ins to one account), where the conflict is expected and the second try nearly always wins; a failed append
 * aborts the whole PostgreSQL transaction, so only a new one can try again.
 */
public final class ConflictRetries {

    private ConflictRetries() {
    }

    /**
     * What {@code command} returned in the first of at most {@code attempts} transactions that committed; the last
     * conflict when none did. Any other failure rolls back and propagates at once.
     */
    public static <T> T inOwnTransaction(UserTransaction transaction, int attempts, Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            Transactions.begin(transaction);
            try {
                T result = command.get();
                Transactions.commit(transaction);
                return result;
            } catch (ConcurrencyConflictException e) {
                Transactions.rollback(transaction);
                if (attempt >= attempts) {
                    throw e;
                }
            } catch (RuntimeException | Error e) {
                Transactions.rollback(transaction);
                throw e;
            }
        }
    }
}
