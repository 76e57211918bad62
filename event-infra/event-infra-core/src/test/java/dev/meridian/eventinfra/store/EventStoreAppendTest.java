package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.AppendResult;
import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import dev.meridian.eventinfra.store.TestEvents.ItemRemoved;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventStoreAppendTest {

    private static DataSource database;
    private static EventJson json;
    private static PostgresEventStore store;

    @BeforeAll
    static void openStore() {
        database = TestDatabase.fresh();
        json = new EventJson();
        store = new PostgresEventStore(database, EventTypeRegistry.of(List.of(TestEvents.class)), json, EventStoreMetrics.NONE, KeyEncryptionKey.generate());
    }

    @AfterAll
    static void closeJson() throws Exception {
        json.close();
    }

    private static String newCart() {
        return StreamIds.of("cart", UUID.randomUUID());
    }

    private static NewEvent added(String item) {
        return NewEvent.of(new ItemAdded(item, 1), EventMetadata.none());
    }

    @Test
    void readsAWholeStreamAcrossPagesAndNothingOfAnUnknownOne() {
        String cart = newCart();
        List<NewEvent> events = new ArrayList<>();
        for (int item = 0; item < 1001; item++) {
            events.add(added("item " + item));
        }
        store.append(cart, ExpectedVersion.noStream(), events);

        List<EventEnvelope<DomainEvent>> read = store.readStream(cart);

        assertThat(read).extracting(EventEnvelope::eventId)
                .containsExactlyElementsOf(events.stream().map(NewEvent::eventId).toList());
        assertThat(store.readStream(newCart())).isEmpty();
    }

    @Test
    void findsOnlyTheEventsStoredAsAMessageClaimsThem() throws Exception {
        String cart = newCart();
        NewEvent added = added("pear");
        store.append(cart, ExpectedVersion.noStream(), List.of(added));
        PostgresEventStore.ClaimedEvent asStored = new PostgresEventStore.ClaimedEvent(added.eventId(),
                "test.ItemAdded", cart);

        try (Connection db = database.getConnection()) {
            assertThat(store.allStoredAsClaimed(db, List.of(asStored))).isTrue();
            assertThat(store.allStoredAsClaimed(db, List.of(asStored, asStored))).as("claimed twice").isTrue();
            for (PostgresEventStore.ClaimedEvent forged : List.of(
                    new PostgresEventStore.ClaimedEvent(added.eventId(), "test.ItemRemoved", cart),
                    new PostgresEventStore.ClaimedEvent(added.eventId(), "test.ItemAdded", newCart()),
                    new PostgresEventStore.ClaimedEvent(UUID.randomUUID(), "test.ItemAdded", cart))) {
                assertThat(store.allStoredAsClaimed(db, List.of(forged))).as(forged.toString()).isFalse();
                assertThat(store.allStoredAsClaimed(db, List.of(asStored, forged)))
                        .as("beside the genuine claim of the same event: " + forged).isFalse();
            }
        }
    }

    @Test
    void appendsEventsAndReadsThemBackInStreamOrderWithTheirEnvelope() {
        String cart = newCart();
        UUID correlation = UUID.randomUUID();
        EventMetadata metadata = new EventMetadata(Optional.of(correlation), Optional.empty(), Optional.of("user-7"),
                Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        NewEvent first = NewEvent.of(new ItemAdded("apple", 3), metadata);
        NewEvent second = NewEvent.of(new ItemRemoved("apple"), metadata);

        AppendResult result = store.append(cart, ExpectedVersion.noStream(), List.of(first, second));

        assertThat(result.streamVersion()).isEqualTo(2);
        assertThat(result.replayed()).isFalse();
        List<EventEnvelope<DomainEvent>> events = store.readStream(cart, 1, 10);
        assertThat(events).extracting(EventEnvelope::event)
                .containsExactly(new ItemAdded("apple", 3), new ItemRemoved("apple"));
        assertThat(events).extracting(EventEnvelope::streamVersion).containsExactly(1L, 2L);
        assertThat(events).extracting(EventEnvelope::eventId).containsExactly(first.eventId(), second.eventId());
        assertThat(events.get(0).type()).isEqualTo("test.ItemAdded");
        assertThat(events.get(0).version()).isEqualTo(1);
        assertThat(events.get(0).metadata()).isEqualTo(metadata);
        assertThat(events.get(1).globalPosition()).isGreaterThan(events.get(0).globalPosition())
                .isEqualTo(result.lastGlobalPosition());
    }

    @Test
    void readsAStreamFromAVersion() {
        String cart = newCart();
        store.append(cart, ExpectedVersion.noStream(), List.of(added("a"), added("b"), added("c")));

        assertThat(store.readStream(cart, 2, 10)).extracting(EventEnvelope::event)
                .containsExactly(new ItemAdded("b", 1), new ItemAdded("c", 1));
    }

    @Test
    void readsInGlobalOrderByTypeByCategoryAndByCorrelation() {
        UUID correlation = UUID.randomUUID();
        String cart = newCart();
        String wishlist = StreamIds.of("wishlist", UUID.randomUUID());
        store.append(cart, ExpectedVersion.noStream(), List.of(
                NewEvent.of(new ItemAdded("apple", 1), EventMetadata.correlatedWith(correlation)),
                NewEvent.of(new ItemRemoved("apple"), EventMetadata.none())));
        store.append(wishlist, ExpectedVersion.noStream(), List.of(
                NewEvent.of(new ItemAdded("pear", 1), EventMetadata.correlatedWith(correlation))));

        assertThat(store.readAll(EventQuery.ofCorrelation(correlation), 0, 100).events()).extracting(EventEnvelope::event)
                .containsExactly(new ItemAdded("apple", 1), new ItemAdded("pear", 1));
        assertThat(store.readAll(EventQuery.ofCategory("wishlist"), 0, 100).events()).extracting(EventEnvelope::streamId)
                .containsOnly(wishlist);
        assertThat(store.readAll(EventQuery.ofTypes("test.ItemRemoved"), 0, 10_000).events())
                .extracting(EventEnvelope::type).containsOnly("test.ItemRemoved")
                .hasSizeGreaterThanOrEqualTo(1);
        List<EventEnvelope<DomainEvent>> all = store.readAll(EventQuery.all(), 0, 10_000).events();
        assertThat(all).extracting(EventEnvelope::globalPosition).isSorted();
        long afterCart = all.stream().filter(event -> event.streamId().equals(cart))
                .mapToLong(EventEnvelope::globalPosition).max().orElseThrow();
        assertThat(store.readAll(EventQuery.ofCorrelation(correlation), afterCart, 100).events())
                .extracting(EventEnvelope::streamId).containsExactly(wishlist);
    }

    @Test
    void refusesAnAppendWhenTheStreamIsNotAtTheExpectedVersion() {
        String cart = newCart();
        store.append(cart, ExpectedVersion.noStream(), List.of(added("a"), added("b")));

        assertThatThrownBy(() -> store.append(cart, ExpectedVersion.exactly(1), List.of(added("c"))))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessageContaining("is not at version 1: it is at version 2");
        assertThatThrownBy(() -> store.append(cart, ExpectedVersion.noStream(), List.of(added("c"))))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThatThrownBy(() -> store.append(cart, ExpectedVersion.exactly(5), List.of(added("c"))))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store.readStream(cart, 1, 10)).hasSize(2);
    }

    @Test
    void appendsAtAnyVersionWithoutACheck() {
        String cart = newCart();
        store.append(cart, ExpectedVersion.any(), List.of(added("a")));

        assertThat(store.append(cart, ExpectedVersion.any(), List.of(added("b"))).streamVersion()).isEqualTo(2);
    }

    @Test
    void appendingTheSameEventsAgainChangesNothing() {
        String cart = newCart();
        List<NewEvent> events = List.of(added("a"), added("b"));
        AppendResult first = store.append(cart, ExpectedVersion.noStream(), events);

        AppendResult again = store.append(cart, ExpectedVersion.noStream(), events);
        AppendResult againWithoutCheck = store.append(cart, ExpectedVersion.any(), events);

        assertThat(again).isEqualTo(new AppendResult(first.streamVersion(), first.lastGlobalPosition(), true));
        assertThat(againWithoutCheck).isEqualTo(again);
        assertThat(store.readStream(cart, 1, 10)).hasSize(2);
    }

    @Test
    void appendingOneEventAgainWithoutACheckChangesNothingAndKeepsTheTransaction() throws Exception {
        String cart = newCart();
        NewEvent event = added("a");
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            AppendResult first = store.append(connection, cart, ExpectedVersion.any(), List.of(event));

            AppendResult again = store.append(connection, cart, ExpectedVersion.any(), List.of(event));
            AppendResult next = store.append(connection, cart, ExpectedVersion.any(), List.of(added("b")));
            connection.commit();

            assertThat(again).isEqualTo(new AppendResult(1, first.lastGlobalPosition(), true));
            assertThat(next.streamVersion()).as("the transaction went on after the replay").isEqualTo(2);
        }
        assertThat(store.readStream(cart, 1, 10)).hasSize(2);
    }

    @Test
    void refusesAReplayExpectedAtAnotherVersion() {
        String cart = newCart();
        NewEvent first = added("a");
        store.append(cart, ExpectedVersion.noStream(), List.of(first, added("b")));

        assertThatThrownBy(() -> store.append(cart, ExpectedVersion.exactly(1), List.of(first)))
                .isInstanceOf(ConcurrencyConflictException.class).hasMessageContaining("at other versions");
    }

    @Test
    void refusesEventIdsThatAreAlreadyStoredInAnotherStream() {
        NewEvent event = added("a");
        store.append(newCart(), ExpectedVersion.noStream(), List.of(event));

        String otherCart = newCart();
        assertThatThrownBy(() -> store.append(otherCart, ExpectedVersion.any(), List.of(event)))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessageContaining("already stored elsewhere");
        assertThatThrownBy(() -> store.append(otherCart, ExpectedVersion.noStream(), List.of(event)))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store.readStream(otherCart, 1, 10)).isEmpty();
    }

    @Test
    void storesNothingWhenTheAppendingTransactionRollsBack() throws Exception {
        String cart = newCart();
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            store.append(connection, cart, ExpectedVersion.noStream(), List.of(added("a")));
            connection.rollback();
        }

        assertThat(store.readStream(cart, 1, 10)).isEmpty();
        assertThat(store.readAll(EventQuery.ofCategory("cart"), 0, 10_000).events())
                .noneMatch(event -> event.streamId().equals(cart));
    }

    @Test
    void rejectsMalformedStreamIdsAndEmptyAppends() {
        assertThatThrownBy(() -> store.append("nocategory", ExpectedVersion.any(), List.of(added("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<category>-<id>");
        assertThatThrownBy(() -> store.append(newCart(), ExpectedVersion.any(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nothing to append");
    }

    @Test
    void letsExactlyOneOfSixteenConcurrentWritersWinEachVersion() throws Exception {
        String cart = newCart();
        int writers = 16;
        int attemptsPerWriter = 40;
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        inParallel(writers, writer -> {
            for (int attempt = 0; attempt < attemptsPerWriter; attempt++) {
                long seen = store.readStream(cart, 1, Integer.MAX_VALUE).size();
                try {
                    store.append(cart, ExpectedVersion.exactly(seen), List.of(added("item")));
                    wins.incrementAndGet();
                } catch (ConcurrencyConflictException e) {
                    conflicts.incrementAndGet();
                } catch (RuntimeException e) {
                    unexpected.add(e);
                }
            }
        });

        assertThat(unexpected).isEmpty();
        assertThat(wins.get() + conflicts.get()).isEqualTo(writers * attemptsPerWriter);
        assertThat(conflicts.get()).as("contention must have happened for the test to mean anything").isPositive();
        List<EventEnvelope<DomainEvent>> stream = store.readStream(cart, 1, Integer.MAX_VALUE);
        assertThat(stream).hasSize(wins.get());
        assertThat(stream).extracting(EventEnvelope::streamVersion)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, wins.get()).boxed().toList());
    }

    @Test
    void appendsWithoutACheckNeverConflictWithConcurrentWriters() throws Exception {
        String cart = newCart();
        AtomicInteger races = new AtomicInteger();
        PostgresEventStore racingStore = new PostgresEventStore(database,
                EventTypeRegistry.of(List.of(TestEvents.class)), json, new EventStoreMetrics() {
                    @Override
                    public void racedToTheHead(String category) {
                        races.incrementAndGet();
                    }
                }, KeyEncryptionKey.generate());
        int writers = 16;
        int appendsPerWriter = 25;
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        inParallel(writers, writer -> {
            for (int append = 0; append < appendsPerWriter; append++) {
                String item = writer + "-" + append;
                // single events and batches, which take different statements
                List<NewEvent> events = writer % 2 == 0 ? List.of(added(item))
                        : List.of(added(item + "-first"), added(item + "-second"));
                try {
                    if (append % 2 == 0) {
                        racingStore.append(cart, ExpectedVersion.any(), events);
                    } else {
                        appendInATransactionThatGoesOn(racingStore, cart, events);
                    }
                } catch (RuntimeException | SQLException e) {
                    failures.add(e);
                }
            }
        });

        assertThat(failures).isEmpty();
        assertThat(races.get()).as("appends must have raced for the test to mean anything").isPositive();
        List<EventEnvelope<DomainEvent>> stream = store.readStream(cart, 1, Integer.MAX_VALUE);
        int expected = writers / 2 * appendsPerWriter + writers / 2 * appendsPerWriter * 2;
        assertThat(stream).extracting(EventEnvelope::streamVersion)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, expected).boxed().toList());
        List<String> items = stream.stream().map(envelope -> ((ItemAdded) envelope.event()).item()).toList();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).endsWith("-first")) {
                assertThat(items.get(i + 1)).as("a batch stays together")
                        .isEqualTo(items.get(i).replace("-first", "-second"));
            }
        }
    }

    /** What one of several concurrent writers does; {@code writer} numbers it from 0. */
    private interface Writer {
        void write(int writer);
    }

    /** Runs {@code writers} writers at once, from a common start, and waits for them all. */
    private static void inParallel(int writers, Writer work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        for (int writer = 0; writer < writers; writer++) {
            int number = writer;
            pool.submit(() -> {
                start.await();
                work.write(number);
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    }

    /**
     * Appends in the caller's transaction, then uses that transaction again: a lost race must not have aborted it,
     * nor left the append's savepoint open around what the caller does next.
     */
    private static void appendInATransactionThatGoesOn(PostgresEventStore racingStore, String stream,
                                                       List<NewEvent> events) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            racingStore.append(connection, stream, ExpectedVersion.any(), events);
            Savepoint beforeProbe = connection.setSavepoint();
            try (var statement = connection.createStatement()) {
                statement.execute("release savepoint meridian_append");
                throw new IllegalStateException("The append left its savepoint open");
            } catch (SQLException expected) {
                connection.rollback(beforeProbe);
            }
            connection.commit();
        }
    }
}
