package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.EventUpcaster;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events stored in an older shape are read in the newest one, and the stored rows stay as they were. */
class UpcastingTest {

    /** Version 1 was {@code {item, cents}}; version 2 adds the currency; version 3 turns cents into an amount. */
    @EventType(name = "test.PriceSet", version = 3)
    public record PriceSet(String item, BigDecimal amount, String currency) implements DomainEvent {
    }

    static final class AddCurrency implements EventUpcaster {
        @Override
        public String eventType() {
            return "test.PriceSet";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public Map<String, Object> upcast(Map<String, Object> payload) {
            payload.put("currency", "EUR");
            return payload;
        }
    }

    static final class CentsToAmount implements EventUpcaster {
        @Override
        public String eventType() {
            return "test.PriceSet";
        }

        @Override
        public int fromVersion() {
            return 2;
        }

        @Override
        public Map<String, Object> upcast(Map<String, Object> payload) {
            BigDecimal cents = (BigDecimal) payload.remove("cents");
            payload.put("amount", cents.movePointLeft(2));
            return payload;
        }
    }

    private static final EventJson JSON = new EventJson();
    private static DataSource database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.fresh();
    }

    @AfterAll
    static void closeJson() throws Exception {
        JSON.close();
    }

    @Test
    void readsEveryOlderVersionThroughTheChainOfUpcasters() throws Exception {
        String stream = StreamIds.of("price", UUID.randomUUID());
        storeRaw(stream, 1, 1, "{\"item\":\"apple\",\"cents\":250}");
        storeRaw(stream, 2, 2, "{\"item\":\"pear\",\"cents\":99,\"currency\":\"CHF\"}");
        storeRaw(stream, 3, 3, "{\"item\":\"plum\",\"amount\":1.5,\"currency\":\"USD\"}");
        PostgresEventStore store = new PostgresEventStore(database,
                EventTypeRegistry.of(List.of(PriceSet.class), List.of(new AddCurrency(), new CentsToAmount())), JSON, EventStoreMetrics.NONE, KeyEncryptionKey.generate());

        List<EventEnvelope<DomainEvent>> events = store.readStream(stream, 1, 10);

        assertThat(events).extracting(EventEnvelope::event).containsExactly(
                new PriceSet("apple", new BigDecimal("2.50"), "EUR"),
                new PriceSet("pear", new BigDecimal("0.99"), "CHF"),
                new PriceSet("plum", new BigDecimal("1.5"), "USD"));
        assertThat(events).extracting(EventEnvelope::version).containsOnly(3);
        assertThat(store.readAll(EventQuery.ofTypes("test.PriceSet"), 0, 10).events()).hasSize(3);
        assertThat(storedVersions(stream)).as("the stored rows are not rewritten").containsExactly(1, 2, 3);
    }

    @Test
    void refusesADeploymentThatCouldNotReadAnOlderVersion() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(PriceSet.class), List.of(new CentsToAmount())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.PriceSet is at version 3, but no upcaster reads version 1");
    }

    @Test
    void refusesTwoUpcastersForTheSameVersion() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(PriceSet.class),
                List.of(new AddCurrency(), new AddCurrency())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Two upcasters read test.PriceSet version 1");
    }

    private static void storeRaw(String stream, long streamVersion, int eventVersion, String payload)
            throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into event_infra.events (global_position, transaction_id, event_id, stream_id,"
                        + " stream_category, stream_version, event_type, event_version, occurred_at, payload,"
                        + " metadata) values (nextval('event_infra.global_position_seq'), pg_current_xact_id(), ?,"
                        + " ?, 'price', ?, 'test.PriceSet', ?, now(), ?::jsonb, '{}'::jsonb)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, stream);
            insert.setLong(3, streamVersion);
            insert.setInt(4, eventVersion);
            insert.setString(5, payload);
            insert.executeUpdate();
        }
    }

    private static List<Integer> storedVersions(String stream) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select event_version from event_infra.events where stream_id = ? order by stream_version")) {
            query.setString(1, stream);
            try (var rows = query.executeQuery()) {
                List<Integer> versions = new java.util.ArrayList<>();
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
                return versions;
            }
        }
    }
}
