package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.store.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class CheckpointRowTest {

    private static final String TOPIC = "meridian.test.events";

    private final DataSource database = TestDatabase.fresh();
    private final AtomicInteger creates = new AtomicInteger();

    private CheckpointRow<Long> checkpointRow() {
        return new CheckpointRow<>(CheckpointRowTest::lockedPosition, db -> {
            creates.incrementAndGet();
            try (PreparedStatement create = db.prepareStatement("""
                    insert into event_infra.relay_checkpoints (topic) values (?) on conflict (topic) do nothing
                    """)) {
                create.setString(1, TOPIC);
                return create.executeUpdate();
            }
        });
    }

    @Test
    void theFirstRoundCreatesTheRowAndARolledBackRoundLeavesItToTheNext() throws Exception {
        CheckpointRow<Long> row = checkpointRow();
        try (Connection db = transaction()) {
            assertThat(row.lock(db)).as("created and locked").isZero();
            db.rollback();
            assertThat(row.lock(db)).as("created again, the first insert having rolled back").isZero();
            db.commit();
            assertThat(row.lock(db)).as("there now").isZero();
            db.commit();
        }
        assertThat(creates).as("inserts tried").hasValue(2);
    }

    @Test
    void aServerStandingByOnlyTriesToLockOnceItKnowsTheRowExists() throws Exception {
        CheckpointRow<Long> active = checkpointRow();
        CheckpointRow<Long> standby = checkpointRow();
        try (Connection activeDb = transaction(); Connection standbyDb = transaction()) {
            active.lock(activeDb);
            activeDb.commit();
            assertThat(active.lock(activeDb)).as("the active server holds the row").isNotNull();
            creates.set(0);
            for (int round = 0; round < 3; round++) {
                assertThat(standby.lock(standbyDb)).as("the other stands by").isNull();
                standbyDb.rollback();
            }
            assertThat(creates).as("inserts tried by the server standing by").hasValue(1);

            activeDb.commit();
            assertThat(standby.lock(standbyDb)).as("taken over once released").isZero();
        }
    }

    private Connection transaction() throws SQLException {
        Connection db = database.getConnection();
        db.setAutoCommit(false);
        return db;
    }

    private static Long lockedPosition(Connection db) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(
                "select position from event_infra.relay_checkpoints where topic = ? for update skip locked")) {
            lock.setString(1, TOPIC);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }
}
