package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.EventStoreMetrics;
import dev.meridian.eventinfra.store.EventTypeRegistry;
import dev.meridian.eventinfra.store.KeyEncryptionKey;
import dev.meridian.eventinfra.store.PostgresEventStore;
import dev.meridian.eventinfra.store.TestDatabase;
import dev.meridian.eventinfra.store.TestEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class RoundTransactionsTest {

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
            RoundTransactions.begin(quiet, Duration.ofMillis(300));
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
            RoundTransactions.begin(busy, Duration.ofMillis(300));
            assertThatNoException().as("statements 100 ms apart, for three times the limit").isThrownBy(() -> {
                for (int statement = 0; statement < 9; statement++) {
                    Thread.sleep(100);
                    busy.createStatement().execute("select 1");
                }
                busy.commit();
            });
        }
    }

    @Test
    void readsInGlobalOrderArePlannedOnceAndTheRoundsOtherStatementsAsConfigured() throws Exception {
        try (EventJson json = new EventJson(); Connection db = database.getConnection()) {
            PostgresEventStore store = new PostgresEventStore(database,
                    EventTypeRegistry.of(List.of(TestEvents.class)), json, EventStoreMetrics.NONE, KeyEncryptionKey.generate());
            for (int item = 0; item < 20; item++) {
                store.append("cart-" + item, ExpectedVersion.any(),
                        List.of(NewEvent.of(new TestEvents.ItemAdded("item", item), EventMetadata.none())));
            }
            db.setAutoCommit(false);
            // the driver prepares a statement on the server from its fifth use on; rounds then reuse that plan
            for (int round = 0; round < 10; round++) {
                RoundTransactions.begin(db, Duration.ofSeconds(30));
                store.readAllStored(db, EventQuery.all(), round, 5);
                RoundTransactions.planAsConfigured(db);
                assertThat(planCacheMode(db)).as("for a projection's own statements").isEqualTo("auto");
                db.commit();
            }
            try (Statement plans = db.createStatement();
                 ResultSet row = plans.executeQuery("""
                         select coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0)
                         from pg_prepared_statements where statement like '%global_position <=%'
                         """)) {
                row.next();
                assertThat(row.getLong(1)).as("executions with the plan made once").isPositive();
                assertThat(row.getLong(2)).as("executions planned for their values").isZero();
            }
        }
    }

    private static String planCacheMode(Connection db) throws SQLException {
        try (Statement show = db.createStatement(); ResultSet row = show.executeQuery("show plan_cache_mode")) {
            row.next();
            return row.getString(1);
        }
    }

    private static boolean lock(Connection db) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(LOCK); ResultSet row = lock.executeQuery()) {
            return row.next();
        }
    }
}
