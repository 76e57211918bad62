package dev.meridian.eventinfra.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a reader in global order may go without skipping an event that is still to commit.
 *
 * <p>Positions are drawn from a sequence when a transaction inserts, so position N+1 can commit while N's
 * transaction is still running — or N's transaction aborts and N never appears. A reader walks the visible
 * positions in one snapshot and stops at the first gap. The gap is resolved by waiting for the transactions that
 * were running just after that snapshot: the owner of a missing position took its transaction id before its
 * position (the append statement guarantees it), and took its position before N+1's owner did, which committed
 * before the snapshot; so the owner was running at the snapshot, or had aborted. Once every transaction that ran
 * then has ended, a fresh read shows the gap's events, or shows that they will never exist.
 *
 * <p>The running transactions are those holding the lock on their own transaction id ({@code pg_locks}), not the
 * snapshot's list: that list stops below the newest transaction that had ended. A transaction that took its id
 * early (an earlier write) and appended late can end while a younger one still holds an earlier position, and
 * the younger one is then missing from the list.
 *
 * <p>Once settled, a position stays settled. So the highest position known to be settled (vouched for by a
 * reader's checkpoint, or reached from one) lets a reader behind it, such as a rebuild, skip the look at the
 * positions and the gap checks. Otherwise it would meet every old gap (every rolled-back append left one) as if
 * new, and wait on whatever transactions happen to run now, which cannot own positions that old but could not be
 * told apart.
 */
final class GapSafeHorizon {

    /** Re-reads after resolved gaps per call; later gaps wait for the next call rather than stall this one. */
    private static final int MAX_RESOLVED_GAPS = 3;

    private static final String VISIBLE_POSITIONS = """
            select array(select global_position from event_infra.events
                         where global_position > ? order by global_position limit ?)
            """;

    // every transaction holds a lock on its own id from when it takes one to its end (or, prepared, to its commit)
    private static final String TRANSACTION_LOCKS = """
            from pg_locks where locktype = 'transactionid' and mode = 'ExclusiveLock'
            """;

    // not a snapshot's list of running transactions: it stops below the newest transaction that ended; and not
    // the reader's own transaction nor a savepoint it holds open, which cannot end while it reads
    private static final String RUNNING = "select coalesce(array_agg(transactionid::text), '{}') "
            + TRANSACTION_LOCKS + """
              and pid is distinct from pg_backend_pid()
            """;

    private static final String ALL_ENDED = "select not exists (select 1 " + TRANSACTION_LOCKS + """
              and transactionid::text = any(?::text[]))
            """;

    private static final int REMEMBERED_GAPS = 1024;

    // every position up to here is visible or never will be
    private final AtomicLong settled = new AtomicLong();

    /** By the first position visible after a gap: the transactions running when that gap was first seen. */
    private final Map<Long, String[]> runningAtGap = Collections.synchronizedMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String[]> eldest) {
            return size() > REMEMBERED_GAPS;
        }
    });

    /**
     * How far a reader may go.
     *
     * @param position the highest position up to which every event is visible or will never exist
     * @param end      why it is not further
     */
    record Horizon(long position, PostgresEventStore.ReadEnd end) {
    }

    /**
     * Every position up to {@code position} is visible or will never exist: a reader's checkpoint, which only ever
     * moves to where a gap-safe read reached.
     */
    void settledUpTo(long position) {
        settled.accumulateAndGet(position, Math::max);
    }

    /**
     * How far every event after {@code afterPosition} is visible or will never exist, looking at most
     * {@code window} positions ahead (a little more past resolved gaps); {@code afterPosition} itself when nothing
     * more is safe.
     */
    Horizon after(Connection connection, long afterPosition, int window) throws SQLException {
        long known = settled.get();
        if (afterPosition + window <= known) {
            return new Horizon(afterPosition + window, PostgresEventStore.ReadEnd.MORE);
        }
        // from the settled position on, if it is ahead: everything up to it is safe already
        Horizon horizon = search(connection, Math.max(afterPosition, known), window);
        if (afterPosition <= known) {
            // reached from a settled position, so settled all the way
            settledUpTo(horizon.position());
        }
        return horizon;
    }

    private Horizon search(Connection connection, long afterPosition, int window) throws SQLException {
        long horizon = afterPosition;
        long resolvedBelow = Long.MIN_VALUE;
        for (int reads = 0; reads <= MAX_RESOLVED_GAPS; reads++) {
            Long[] positions = visiblePositions(connection, horizon, window);
            Long gapEnd = null;
            for (long position : positions) {
                if (position == horizon + 1 || position <= resolvedBelow) {
                    horizon = position;
                } else {
                    gapEnd = position;
                    break;
                }
            }
            if (gapEnd == null) {
                return new Horizon(horizon, positions.length == window
                        ? PostgresEventStore.ReadEnd.MORE : PostgresEventStore.ReadEnd.CAUGHT_UP);
            }
            String[] running = runningAtGap.get(gapEnd);
            if (running == null) {
                running = runningTransactions(connection);
                runningAtGap.put(gapEnd, running);
            }
            if (!allEnded(connection, running)) {
                return new Horizon(horizon, PostgresEventStore.ReadEnd.AT_GAP);
            }
            // the missing positions below gapEnd are now committed (visible to the next read) or gone for good
            runningAtGap.remove(gapEnd);
            resolvedBelow = gapEnd;
        }
        // as many gaps as one call resolves: the next call goes on from here
        return new Horizon(horizon, PostgresEventStore.ReadEnd.MORE);
    }

    private static Long[] visiblePositions(Connection connection, long afterPosition, int window)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(VISIBLE_POSITIONS)) {
            query.setLong(1, afterPosition);
            query.setInt(2, window);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Array positions = row.getArray(1);
                return (Long[]) positions.getArray();
            }
        }
    }

    /**
     * The ids of the transactions running now, other than the caller's own. Read after the positions: a missing
     * position's owner was running when they were read, so now it either still runs or has ended.
     */
    private static String[] runningTransactions(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(RUNNING);
             ResultSet row = query.executeQuery()) {
            row.next();
            return (String[]) row.getArray(1).getArray();
        }
    }

    private static boolean allEnded(Connection connection, String[] transactionIds) throws SQLException {
        if (transactionIds.length == 0) {
            return true;
        }
        try (PreparedStatement query = connection.prepareStatement(ALL_ENDED)) {
            query.setArray(1, connection.createArrayOf("text", transactionIds));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
