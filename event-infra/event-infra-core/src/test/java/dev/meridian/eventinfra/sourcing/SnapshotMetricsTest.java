package dev.meridian.eventinfra.sourcing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.EventTypeRegistry;
import dev.meridian.eventinfra.store.KeyEncryptionKey;
import dev.meridian.eventinfra.store.MicrometerEventStoreMetrics;
import dev.meridian.eventinfra.store.PostgresEventStore;
import dev.meridian.eventinfra.store.TestDatabase;
import dev.meridian.eventinfra.store.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store and the repository report appends, conflicts and snapshot use by stream category. */
class SnapshotMetricsTest {

    @Test
    void countsAppendsConflictsAndSnapshotOutcomesPerCategory() throws Exception {
        DataSource database = TestDatabase.fresh();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MicrometerEventStoreMetrics metrics = new MicrometerEventStoreMetrics(meters);
        try (EventJson json = new EventJson()) {
            PostgresEventStore store = new PostgresEventStore(database,
                    EventTypeRegistry.of(List.of(TestEvents.class)), json, metrics, KeyEncryptionKey.generate());
            EventSourcedRepository<Cart, TestEvents> carts = EventSourcedRepository
                    .of(store, "cart", TestEvents.class, Cart::new)
                    .withSnapshots(new SnapshotStore(database, json, metrics, store),
                            new SnapshotSettings<>(Cart.State.class, 1, 2));
            UUID id = UUID.randomUUID();

            Cart cart = new Cart();
            cart.add("apple", 1);
            cart.add("pear", 1);
            carts.save(id, cart, EventMetadata.none());
            Cart stale = carts.load(id).orElseThrow();
            Cart fresh = carts.load(id).orElseThrow();
            fresh.add("plum", 1);
            carts.save(id, fresh, EventMetadata.none());
            stale.add("fig", 1);
            try {
                carts.save(id, stale, EventMetadata.none());
            } catch (ConcurrencyConflictException expected) {
                // the second writer loses, and that is counted
            }
            carts.load(UUID.randomUUID());
        }

        assertThat(meters.get("meridian.events.appended").tag("category", "cart").counter().count()).isEqualTo(3);
        assertThat(meters.get("meridian.events.conflicts").tag("category", "cart").counter().count()).isEqualTo(1);
        assertThat(meters.get("meridian.events.append").tag("category", "cart").timer().count()).isEqualTo(2);
        assertThat(meters.get("meridian.snapshot.lookups").tag("outcome", "hit").counter().count()).isEqualTo(2);
        assertThat(meters.get("meridian.snapshot.lookups").tag("outcome", "miss").counter().count()).isEqualTo(1);
    }
}
