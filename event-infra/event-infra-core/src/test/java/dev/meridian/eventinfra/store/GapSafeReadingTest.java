package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.EventBatch;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading in global order never skips an event whose transaction commits after a later one. */
class GapSafeReadingTest {

    private static final EventJson JSON = new EventJson();

    private DataSource database;
    private PostgresEventStore store;

    @BeforeEach
    void freshStore() {
        database = TestDatabase.fresh();
        store = new PostgresEventStore(database, EventTypeRegistry.of(List.of(TestEvents.class)), JSON, EventStoreMetrics.NONE, KeyEncryptionKey.generate());
    }

    @AfterAll
    static void closeJson() throws Exception {
        JSON.close();
    }

    private static List<NewEvent> oneEvent() {
        return List.of(NewEvent.of(new ItemAdded("item", 1), EventMetadata.none()));
    }

    /**
     * The positions after {@code position} once at least {@code expected} are readable: a gap left by a rollback
     * also waits for whatever else held a transaction id when it was first seen (an autovacuum's analyze, say).
     */
    private List<Long> positionsOnceGapsResolve(long position, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Long> positions = positionsAfter(position);
        while (positions.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            positions = positionsAfter(position);
        }
        return positions;
    }

    private List<Long> positionsAfter(long position) {
        return store.readAll(EventQuery.all(), position, 1000).events().stream()
                .map(EventEnvelope::globalPosition).toList();
    }

    @Test
    void holdsBackALaterPositionUntilTheEarlierOneCommits() throws Exception {
        try (Connection first = transaction(); Connection second = transaction()) {
            long earlier = store.append(first, StreamIds.of("cart", 1), ExpectedVersion.any(), oneEvent())
                    .lastGlobalPosition();
            long later = store.append(second, StreamIds.of("cart", 2), ExpectedVersion.any(), oneEvent())
                    .lastGlobalPosition();
            second.commit();

            assertThat(later).isGreaterThan(earlier);
            assertThat(positionsAfter(0)).as("the later event waits while the earlier may still commit").isEmpty();

            first.commit();

            assertThat(positionsAfter(0)).containsExactly(earlier, later);
        }
    }

    @Test
    void holdsBackALaterPositionWhileItsOwnerIsYoungerThanEveryTransactionThatEnded() throws Exception {
        try (Connection older = transaction(); Connection younger = transaction()) {
            // the older transaction takes its id first, say by an earlier write of its own, and appends last
            try (Statement firstWrite = older.createStatement()) {
                firstWrite.execute("select pg_current_xact_id()");
            }
            long earlier = store.append(younger, StreamIds.of("cart", 1), ExpectedVersion.any(), oneEvent())
                    .lastGlobalPosition();
            long later = store.append(older, StreamIds.of("cart", 2), ExpectedVersion.any(), oneEvent())
                    .lastGlobalPosition();
            // now the newest transaction that ended is older than the one still running: a snapshot's list of
            // running transactions stops below it
            older.commit();

            assertThat(positionsAfter(0)).as("the earlier position may still commit").isEmpty();

            younger.commit();
            assertThat(positionsAfter(0)).containsExactly(earlier, later);
        }
    }

    @Test
    void saysWhenAGapHoldsItBack() throws Exception {
        try (Connection first = transaction(); Connection second = transaction()) {
            store.append(first, StreamIds.of("cart", 1), ExpectedVersion.any(), oneEvent());
            store.append(second, StreamIds.of("cart", 2), ExpectedVersion.any(), oneEvent());
            second.commit();

            assertThat(readStored(EventQuery.all(), 0, 1000).end()).as("held back by a transaction still running")
                    .isEqualTo(PostgresEventStore.ReadEnd.AT_GAP);

            first.commit();
            PostgresEventStore.StoredBatch after = readStored(EventQuery.all(), 0, 1000);

            assertThat(after.events()).hasSize(2);
            assertThat(after.end()).isEqualTo(PostgresEventStore.ReadEnd.CAUGHT_UP);
        }
    }

    @Test
    void saysWhenThereIsMoreToReadAtOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            store.append(StreamIds.of("cart", i), ExpectedVersion.any(), oneEvent());
        }

        assertThat(readStored(EventQuery.all(), 0, 3).end()).as("a full batch")
                .isEqualTo(PostgresEventStore.ReadEnd.MORE);
        PostgresEventStore.StoredBatch none = readStored(EventQuery.ofCategory("nothing"), 0, 3);
        assertThat(none.events()).isEmpty();
        assertThat(none.end()).as("a window of other events").isEqualTo(PostgresEventStore.ReadEnd.MORE);
        assertThat(readStored(EventQuery.ofCategory("nothing"), none.nextAfterPosition(), 3).end())
                .as("the rest, and nothing after it").isEqualTo(PostgresEventStore.ReadEnd.CAUGHT_UP);
    }

    @Test
    void passesAnOldGapBehindASettledPositionWithoutWaitingForTransactionsRunningNow() throws Exception {
        long first = store.append(StreamIds.of("cart", 1), ExpectedVersion.any(), oneEvent()).lastGlobalPosition();
        try (Connection rolledBack = transaction()) {
            store.append(rolledBack, StreamIds.of("cart", 2), ExpectedVersion.any(), oneEvent());
            rolledBack.rollback();
        }
        long third = store.append(StreamIds.of("cart", 3), ExpectedVersion.any(), oneEvent()).lastGlobalPosition();
        assertThat(positionsOnceGapsResolve(0, 2)).containsExactly(first, third);
        // a checkpoint the live reader moved there
        store.settledUpTo(third);

        try (Connection young = transaction()) {
            store.append(young, StreamIds.of("cart", 4), ExpectedVersion.any(), oneEvent());

            assertThat(positionsAfter(0)).as("a rebuild from the start, while a later transaction runs")
                    .containsExactly(first, third);
            young.rollback();
        }
    }

    @Test
    void aReadFromAPositionNobodyVouchedForSettlesNothing() throws Exception {
        try (Connection pending = transaction()) {
            long held = store.append(pending, StreamIds.of("cart", 1), ExpectedVersion.any(), oneEvent())
                    .lastGlobalPosition();
            long later = store.append(StreamIds.of("cart", 2), ExpectedVersion.any(), oneEvent()).lastGlobalPosition();

            assertThat(positionsAfter(held)).as("anyone may read from anywhere").containsExactly(later);
            assertThat(positionsAfter(0)).as("still held back by the transaction still running").isEmpty();

            pending.commit();
            assertThat(positionsAfter(0)).containsExactly(held, later);
        }
    }

    private PostgresEventStore.StoredBatch readStored(EventQuery query, long afterPosition, int maxCount)
            throws Exception {
        try (Connection connection = database.getConnection()) {
            return store.readAllStored(connection, query, afterPosition, maxCount);
        }
    }

    @Test
    void movesOnWhenTheEarlierPositionsTransactionRollsBack() throws Exception {
        try (Connection first = transaction(); Connection second = transaction()) {
            store.append(first, StreamIds.of("cart", 1), ExpectedVersion.any(), oneEvent());
            long later = store.append(second, StreamIds.of("cart", 2), ExpectedVersion.any(), oneEvent())
                    .lastGlobalPosition();
            second.commit();
            first.rollback();

            assertThat(positionsOnceGapsResolve(0, 1)).containsExactly(later);
        }
    }

    @Test
    void passesAGapWithoutWaitingForASavepointItsOwnTransactionHolds() throws Exception {
        try (Connection rolledBack = transaction(); Connection reader = transaction()) {
            store.append(rolledBack, StreamIds.of("cart", 1), ExpectedVersion.any(), oneEvent());
            rolledBack.rollback();
            // an append after a savepoint the caller still holds: a subtransaction whose id stays locked until the
            // savepoint is released or the transaction ends
            reader.setSavepoint();
            long own = store.append(reader, StreamIds.of("cart", 2), ExpectedVersion.any(), oneEvent())
                    .lastGlobalPosition();

            assertThat(store.readAll(reader, EventQuery.all(), 0, 1000).events())
                    .extracting(EventEnvelope::globalPosition).containsExactly(own);
            reader.rollback();
        }
    }

    @Test
    void aFilteredReaderMovesPastEventsItDoesNotWant() {
        String wanted = StreamIds.of("wanted", UUID.randomUUID());
        for (int i = 0; i < 50; i++) {
            store.append(StreamIds.of("other", i), ExpectedVersion.any(), oneEvent());
        }
        store.append(wanted, ExpectedVersion.any(), oneEvent());

        long checkpoint = 0;
        List<String> found = new ArrayList<>();
        for (int call = 0; call < 10 && found.isEmpty(); call++) {
            EventBatch batch = store.readAll(EventQuery.ofCategory("wanted"), checkpoint, 10);
            batch.events().forEach(event -> found.add(event.streamId()));
            assertThat(batch.nextAfterPosition()).isGreaterThanOrEqualTo(checkpoint);
            checkpoint = batch.nextAfterPosition();
        }

        assertThat(found).containsExactly(wanted);
    }

    @Test
    void refusesToReadInGlobalOrderInsideARepeatableReadTransaction() throws Exception {
        try (Connection connection = transaction()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);

            assertThatThrownBy(() -> store.readAll(connection, EventQuery.all(), 0, 10))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read committed");
        }
    }

    @Test
    void aReaderFollowingConcurrentWritersSeesExactlyTheCommittedEventsInOrder() throws Exception {
        int writers = 4;
        int appendsPerWriter = 500;
        AtomicInteger rolledBack = new AtomicInteger();
        AtomicInteger writersDone = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        List<Future<?>> writing = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            String stream = StreamIds.of("cart", UUID.randomUUID());
            writing.add(pool.submit(() -> {
                try (Connection connection = transaction()) {
                    for (int i = 0; i < appendsPerWriter; i++) {
                        store.append(connection, stream, ExpectedVersion.any(), oneEvent());
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        if (random.nextInt(4) == 0) {
                            // hold the position a little while later positions commit
                            Thread.sleep(random.nextInt(3));
                        }
                        if (random.nextInt(10) == 0) {
                            connection.rollback();
                            rolledBack.incrementAndGet();
                        } else {
                            connection.commit();
                        }
                    }
                } finally {
                    writersDone.incrementAndGet();
                }
                return null;
            }));
        }
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        Future<?> reading = pool.submit(() -> {
            long checkpoint = 0;
            while (true) {
                boolean stillWriting = writersDone.get() < writers;
                EventBatch batch = store.readAll(EventQuery.all(), checkpoint, 100);
                batch.events().forEach(event -> seen.add(event.globalPosition()));
                checkpoint = batch.nextAfterPosition();
                if (batch.events().isEmpty() && !stillWriting) {
                    return null;
                }
            }
        });
        for (Future<?> writer : writing) {
            writer.get(2, TimeUnit.MINUTES);
        }
        reading.get(2, TimeUnit.MINUTES);
        pool.shutdown();

        assertThat(rolledBack.get()).as("some transactions must roll back to leave gaps").isPositive();
        assertThat(seen).as("what the reader saw, in the order it saw it").isEqualTo(committedPositions());
        assertThat(seen).hasSize(writers * appendsPerWriter - rolledBack.get());
    }

    private List<Long> committedPositions() throws Exception {
        List<Long> positions = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select global_position from event_infra.events order by global_position")) {
            while (rows.next()) {
                positions.add(rows.getLong(1));
            }
        }
        return positions;
    }

    private Connection transaction() throws Exception {
        Connection connection = database.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }
}
