package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.StreamRetention;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readers of a stream and of the global order see only what the stream's retention keeps. */
class StreamRetentionTest {

    private static final EventJson JSON = new EventJson();
    private static PostgresEventStore store;

    @BeforeAll
    static void openStore() {
        store = new PostgresEventStore(TestDatabase.fresh(), EventTypeRegistry.of(List.of(TestEvents.class)), JSON,
                EventStoreMetrics.NONE, KeyEncryptionKey.generate());
    }

    @AfterAll
    static void closeJson() throws Exception {
        JSON.close();
    }

    private static NewEvent added(String item, Instant occurredAt) {
        return new NewEvent(UUID.randomUUID(), new ItemAdded(item, 1), occurredAt, EventMetadata.none());
    }

    private static List<String> itemsOf(List<EventEnvelope<DomainEvent>> events) {
        return events.stream().map(event -> ((ItemAdded) event.event()).item()).toList();
    }

    private static List<String> streamItems(String stream) {
        return itemsOf(store.readStream(stream, 1, 100));
    }

    private static List<String> globalItems(String stream) {
        return itemsOf(store.readAll(EventQuery.all(), 0, 10_000).events().stream()
                .filter(event -> event.streamId().equals(stream)).toList());
    }

    @Test
    void readsAWholeTruncatedStreamOnceFromItsTruncationPointAcrossPages() {
        String stream = StreamIds.of("cart", UUID.randomUUID());
        Instant now = Instant.now();
        List<NewEvent> events = new ArrayList<>();
        for (int item = 1; item <= 1001; item++) {
            events.add(added("item " + item, now));
        }
        store.append(stream, ExpectedVersion.noStream(), events);
        store.retain(stream, StreamRetention.truncateBefore(10));

        List<EventEnvelope<DomainEvent>> read = store.readStream(stream);

        assertThat(read).extracting(EventEnvelope::streamVersion)
                .containsExactlyElementsOf(LongStream.rangeClosed(10, 1001).boxed().toList());
    }

    @Test
    void hidesEventsBeforeTheTruncationPointFromEveryReader() {
        String stream = StreamIds.of("cart", UUID.randomUUID());
        Instant now = Instant.now();
        store.append(stream, ExpectedVersion.noStream(), List.of(added("a", now), added("b", now), added("c", now)));

        store.retain(stream, StreamRetention.truncateBefore(2));

        assertThat(streamItems(stream)).containsExactly("b", "c");
        assertThat(globalItems(stream)).containsExactly("b", "c");

        store.retain(stream, StreamRetention.keepEverything());

        assertThat(streamItems(stream)).containsExactly("a", "b", "c");
    }

    @Test
    void hidesEventsOlderThanTheMaximumAge() {
        String stream = StreamIds.of("cart", UUID.randomUUID());
        Instant now = Instant.now();
        store.append(stream, ExpectedVersion.noStream(), List.of(
                added("last year", now.minus(Duration.ofDays(365))), added("yesterday", now.minus(Duration.ofDays(1))),
                added("today", now)));

        store.retain(stream, StreamRetention.maxAge(Duration.ofDays(30)));

        assertThat(streamItems(stream)).containsExactly("yesterday", "today");
        assertThat(globalItems(stream)).containsExactly("yesterday", "today");
    }

    @Test
    void leavesOtherStreamsAlone() {
        String kept = StreamIds.of("cart", UUID.randomUUID());
        String truncated = StreamIds.of("cart", UUID.randomUUID());
        store.append(kept, ExpectedVersion.noStream(), List.of(added("a", Instant.now()), added("b", Instant.now())));
        store.append(truncated, ExpectedVersion.noStream(), List.of(added("x", Instant.now())));

        store.retain(truncated, StreamRetention.truncateBefore(5));

        assertThat(streamItems(kept)).containsExactly("a", "b");
        assertThat(streamItems(truncated)).isEmpty();
    }

    @Test
    void refusesRetentionThatMeansNothing() {
        assertThatThrownBy(() -> StreamRetention.truncateBefore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamRetention.maxAge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
