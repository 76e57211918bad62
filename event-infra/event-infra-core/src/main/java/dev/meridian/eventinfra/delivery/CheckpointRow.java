package dev.meridian.eventinfra.delivery;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The checkpoint row of a relay or projection, locked for one round ({@code for update skip locked}) and created by
 * the first round that finds none. Once the row is known to exist, a round that cannot lock it knows another server
 * holds it, and neither tries to create it again nor looks twice: one statement a round, whether active or standing
 * by.
 *
 * @param <T> the checkpoint as the reader reads it
 */
public final class CheckpointRow<T> {

    /** A statement on the round's connection. */
    @FunctionalInterface
    public interface Statement<R> {
        R run(Connection db) throws SQLException;
    }

    private final Statement<T> lock;
    private final Statement<Integer> create;
    // only set once the row is committed: a row this round inserts is gone if the round rolls back
    private boolean exists;

    /**
     * @param lock   locks the row and reads it; null when there is none or another server holds it
     * @param create inserts the row unless it exists ({@code on conflict do nothing}); returns how many it inserted
     */
    public CheckpointRow(Statement<T> lock, Statement<Integer> create) {
        this.lock = lock;
        this.create = create;
    }

    /** The checkpoint, locked until the end of the round's transaction; null when another server holds it. */
    public T lock(Connection db) throws SQLException {
        T checkpoint = lock.run(db);
        if (checkpoint != null || exists) {
            exists = true;
            return checkpoint;
        }
        if (create.run(db) == 0) {
            // it exists, and the lock above skipped it: another server holds it
            exists = true;
            return null;
        }
        return lock.run(db);
    }
}
