package dev.meridian.eventinfra.sourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.api.EventMetadata;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventSourcedRepositoryTest {

    private static final int SNAPSHOT_EVERY = 10;
    private static final EventJson JSON = new EventJson();

    private static DataSource database;
    private static PostgresEventStore store;
    private static EventSourcedRepository<Cart, TestEvents> carts;
    private static EventSourcedRepository<Cart, TestEvents> snapshottedCarts;

    @BeforeAll
    static void createRepositories() {
        database = TestDatabase.fresh();
        store = new PostgresEventStore(database, EventTypeRegistry.of(List.of(TestEvents.class)),
                JSON, EventStoreMetrics.NONE, KeyEncryptionKey.generate());
        carts = EventSourcedRepository.of(store, "cart", TestEvents.class, Cart::new);
        snapshottedCarts = EventSourcedRepository.of(store, "snapcart", TestEvents.class, Cart::new)
                .withSnapshots(new SnapshotStore(database, JSON, EventStoreMetrics.NONE, store),
                        new SnapshotSettings<>(Cart.State.class, 2, SNAPSHOT_EVERY));
    }

    @AfterAll
    static void closeJson() throws Exception {
        JSON.close();
    }

    @Test
    void savesWhatTheAggregateRecordedAndLoadsItBackAtItsVersion() {
        UUID id = UUID.randomUUID();
        Cart cart = new Cart();
        cart.add("apple", 2);
        cart.add("pear", 1);
        carts.save(id, cart, EventMetadata.none());

        Cart loaded = carts.load(id).orElseThrow();
        loaded.remove("pear");
        carts.save(id, loaded, EventMetadata.none());

        Cart reloaded = carts.load(id).orElseThrow();
        assertThat(reloaded.items()).isEqualTo(Map.of("apple", 2));
        assertThat(reloaded.version()).isEqualTo(3);
        assertThat(reloaded.recordedEvents()).isEmpty();
    }

    @Test
    void findsNothingForAnIdWithoutEvents() {
        assertThat(carts.load(UUID.randomUUID())).isEmpty();
    }

    @Test
    void refusesToSaveOverAChangeMadeSinceLoading() {
        UUID id = UUID.randomUUID();
        Cart cart = new Cart();
        cart.add("apple", 1);
        carts.save(id, cart, EventMetadata.none());
        Cart mine = carts.load(id).orElseThrow();
        Cart theirs = carts.load(id).orElseThrow();
        theirs.add("pear", 1);
        carts.save(id, theirs, EventMetadata.none());

        mine.remove("apple");

        assertThatThrownBy(() -> carts.save(id, mine, EventMetadata.none()))
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(carts.load(id).orElseThrow().items()).isEqualTo(Map.of("apple", 1, "pear", 1));
    }

    @Test
    void takesASnapshotEachTimeTheStreamPassesTheIntervalAndLoadsFromIt() throws Exception {
        UUID id = UUID.randomUUID();
        addOneByOne(id, 25);
        assertThat(snapshotVersion(id)).isEqualTo(20);

        // a snapshot that says something the events do not proves that loading starts from it
        overwriteSnapshotState(id, "{\"items\":{\"from-snapshot\":1}}", 2);
        Cart loaded = snapshottedCarts.load(id).orElseThrow();

        assertThat(loaded.items()).containsEntry("from-snapshot", 1).containsEntry("item21", 1)
                .containsEntry("item25", 1).doesNotContainKey("item20");
        assertThat(loaded.version()).isEqualTo(25);
    }

    @Test
    void ignoresASnapshotOfAnotherSchemaVersionAndRebuildsIt() throws Exception {
        UUID id = UUID.randomUUID();
        addOneByOne(id, 12);
        overwriteSnapshotState(id, "{\"items\":{\"from-old-schema\":1}}", 1);

        Cart loaded = snapshottedCarts.load(id).orElseThrow();

        assertThat(loaded.items()).hasSize(12).doesNotContainKey("from-old-schema");
        assertThat(snapshotVersion(id)).as("rebuilt at the loaded version").isEqualTo(12);
        assertThat(snapshotSchemaVersion(id)).isEqualTo(2);
    }

    @Test
    void readsASnapshotOfAnOlderSchemaThroughItsUpcaster() throws Exception {
        UUID id = UUID.randomUUID();
        addOneByOne(id, 12);
        // schema 1 kept the items as a list of entries; schema 2 keeps a map
        overwriteSnapshotState(id, "{\"entries\":[{\"item\":\"from-schema-1\",\"quantity\":7}]}", 1);
        EventSourcedRepository<Cart, TestEvents> upcasting = EventSourcedRepository
                .of(store, "snapcart", TestEvents.class, Cart::new)
                .withSnapshots(new SnapshotStore(database, JSON, EventStoreMetrics.NONE, store),
                        new SnapshotSettings<>(Cart.State.class, 2, SNAPSHOT_EVERY).withUpcaster(1, state -> {
                            Map<String, Object> items = new LinkedHashMap<>();
                            for (Object entry : (List<?>) state.get("entries")) {
                                Map<?, ?> fields = (Map<?, ?>) entry;
                                items.put((String) fields.get("item"), fields.get("quantity"));
                            }
                            return Map.of("items", items);
                        }));

        Cart loaded = upcasting.load(id).orElseThrow();

        assertThat(loaded.items()).containsEntry("from-schema-1", 7).containsEntry("item11", 1)
                .doesNotContainKey("item10");
    }

    @Test
    void rebuildsFromTheEventsWhenTheSnapshotDoesNotRead() throws Exception {
        UUID id = UUID.randomUUID();
        addOneByOne(id, 12);
        overwriteSnapshotState(id, "{\"items\":\"not a map\"}", 2);

        Cart loaded = snapshottedCarts.load(id).orElseThrow();

        assertThat(loaded.items()).hasSize(12);
        assertThat(snapshotVersion(id)).isEqualTo(12);
    }

    @Test
    void refusesSnapshotsForAnAggregateThatCannotTakeThem() {
        assertThatThrownBy(() -> EventSourcedRepository.of(store, "plain", TestEvents.class, PlainCart::new)
                .withSnapshots(new SnapshotStore(database, JSON, EventStoreMetrics.NONE, store), SnapshotSettings.of(Cart.State.class, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not Snapshotable");
    }

    /** A cart that cannot be snapshotted. */
    static final class PlainCart extends AggregateRoot<TestEvents> {
        @Override
        protected void apply(TestEvents event) {
        }
    }

    private static void addOneByOne(UUID id, int count) {
        for (int i = 1; i <= count; i++) {
            Cart cart = snapshottedCarts.load(id).orElseGet(Cart::new);
            cart.add("item" + i, 1);
            snapshottedCarts.save(id, cart, EventMetadata.none());
        }
    }

    private static void overwriteSnapshotState(UUID id, String state, int schemaVersion) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update event_infra.snapshots set state = ?::jsonb, schema_version = ? where stream_id = ?")) {
            update.setString(1, state);
            update.setInt(2, schemaVersion);
            update.setString(3, snapshottedCarts.streamOf(id));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static long snapshotVersion(UUID id) throws Exception {
        return snapshotColumn(id, "stream_version");
    }

    private static long snapshotSchemaVersion(UUID id) throws Exception {
        return snapshotColumn(id, "schema_version");
    }

    private static long snapshotColumn(UUID id, String column) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select " + column + " from event_infra.snapshots where stream_id = ?")) {
            query.setString(1, snapshottedCarts.streamOf(id));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a snapshot exists").isTrue();
                return row.getLong(1);
            }
        }
    }
}
