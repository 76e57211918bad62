package dev.meridian.eventinfra.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a reader in global order may go without skipping an event that is still to commit.
 *
 * <p>Positions are drawn from a sequence when a transaction inserts, so position N+1 can commit while N's
 * transaction is still running — or N's transaction aborts and N never appears. A reader walks the visible
 * positions in one snapshot and stops at the first gap. The gap is resolved by waiting for the transactions that
 * were running in that snapshot: the owner of a missing position took its transaction id before its position
 * (the append statement guarantees it), and took its position before N+1's owner did, which committed before the
 * snapshot; so the owner was either running in the snapshot or already aborted. Once every transaction running
 * in the snapshot has ended, a fresh read shows the gap's events, or shows that they will never exist.
 */
final class GapSafeHorizon {

    /** Re-reads after resolved gaps per call; later gaps wait for the next call rather than stall this one. */
    private static final int MAX_RESOLVED_GAPS = 3;

    private static final String VISIBLE_POSITIONS = """
            select pg_current_snapshot()::text,
                   array(select global_position from event_infra.events
                         where global_position > ? order by global_position limit ?)
            """;

    private static final String ALL_ENDED = """
            select coalesce(bool_and(pg_visible_in_snapshot(xid, pg_current_snapshot())), true)
            from unnest(?::xid8[]) as running(xid)
            """;

    private static final int REMEMBERED_GAPS = 1024;

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
     * How far every event after {@code afterPosition} is visible or will never exist, looking at most
     * {@code window} positions ahead (a little more past resolved gaps); {@code afterPosition} itself when nothing
     * more is safe.
     */
    Horizon after(Connection connection, long afterPosition, int window) throws SQLException {
        long horizon = afterPosition;
        long resolvedBelow = Long.MIN_VALUE;
        for (int reads = 0; reads <= MAX_RESOLVED_GAPS; reads++) {
            Snapshot snapshot = visiblePositions(connection, horizon, window);
            Long gapEnd = null;
            for (long position : snapshot.positions()) {
                if (position == horizon + 1 || position <= resolvedBelow) {
                    horizon = position;
                } else {
                    gapEnd = position;
                    break;
                }
            }
            if (gapEnd == null) {
                return new Horizon(horizon, snapshot.positions().length == window
                        ? PostgresEventStore.ReadEnd.MORE : PostgresEventStore.ReadEnd.CAUGHT_UP);
            }
            String[] running = runningAtGap.computeIfAbsent(gapEnd, end -> snapshot.runningTransactions());
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

    private static Snapshot visiblePositions(Connection connection, long afterPosition, int window)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(VISIBLE_POSITIONS)) {
            query.setLong(1, afterPosition);
            query.setInt(2, window);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Array positions = row.getArray(2);
                return new Snapshot(row.getString(1), (Long[]) positions.getArray());
            }
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

    /**
     * Positions visible in one snapshot and the transactions running in it.
     *
     * @param text      the snapshot as PostgreSQL writes it: {@code xmin:xmax:running,running,...}
     * @param positions the visible positions, ascending
     */
    private record Snapshot(String text, Long[] positions) {

        String[] runningTransactions() {
            String running = text.substring(text.lastIndexOf(':') + 1);
            return running.isEmpty() ? new String[0] : running.split(",");
        }
    }
}
