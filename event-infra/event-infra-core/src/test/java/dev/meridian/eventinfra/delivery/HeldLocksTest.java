package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.store.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class HeldLocksTest {

    private static final String LOCK = """
            select position from event_infra.relay_checkpoints where topic = 'meridian.test.events'
            for update skip locked
            """;

    private final DataSource database = TestDatabase.fresh();

    @Test
    void aHolderThatGoesQuietLosesTheLockToAnotherServerAfterTheLimit() throws Exception {
        try (Connection setup = database.getConnection()) {
            setup.createStatement().execute(
                    "insert into event_infra.relay_checkpoints (topic) values ('meridian.test.events')");
        }
        try (Connection quiet = database.getConnection(); Connection other = database.getConnection()) {
            quiet.setAutoCommit(false);
            HeldLocks.releaseAfterIdling(quiet, Duration.ofMillis(300));
            assertThat(lock(quiet)).as("the first server takes the lock").isTrue();
            other.setAutoCommit(false);
            assertThat(lock(other)).as("the other stands by while the lock is held").isFalse();
            other.rollback();

            // the holder sends nothing more, as a hung server or a silent network would
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean taken;
            do {
                Thread.sleep(100);
                taken = lock(other);
                other.rollback();
            } while (!taken && System.nanoTime() < deadline);

            assertThat(taken).as("the other server takes the lock over").isTrue();
            assertThatThrownBy(() -> lock(quiet)).as("the quiet holder's transaction is gone")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void leavesATransactionAloneWhileItKeepsWorking() throws Exception {
        try (Connection busy = database.getConnection()) {
            busy.setAutoCommit(false);
            HeldLocks.releaseAfterIdling(busy, Duration.ofMillis(300));
            assertThatNoException().as("statements 100 ms apart, for three times the limit").isThrownBy(() -> {
                for (int statement = 0; statement < 9; statement++) {
                    Thread.sleep(100);
                    busy.createStatement().execute("select 1");
                }
                busy.commit();
            });
        }
    }

    private static boolean lock(Connection db) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(LOCK); ResultSet row = lock.executeQuery()) {
            return row.next();
        }
    }
}
