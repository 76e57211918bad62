package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which correlation id the events appended while a request is served get. */
class RequestCorrelationTest {

    @AfterEach
    void endTheRequest() {
        RequestCorrelation.clear();
    }

    @Test
    void givesTheRequestsIdToEventsWithoutOneAndKeepsTheOnesNamedByTheirWriter() {
        UUID request = UUID.randomUUID();
        UUID own = UUID.randomUUID();
        NewEvent uncorrelated = NewEvent.of(new ItemAdded("book", 1), EventMetadata.none());
        NewEvent correlated = NewEvent.of(new ItemAdded("pen", 2), EventMetadata.correlatedWith(own));
        RequestCorrelation.set(request);

        List<NewEvent> applied = RequestCorrelation.applied(List.of(uncorrelated, correlated));

        assertThat(applied).extracting(event -> event.metadata().correlationId().orElseThrow())
                .containsExactly(request, own);
        assertThat(applied.get(0).eventId()).isEqualTo(uncorrelated.eventId());
    }

    @Test
    void leavesEventsAloneOutsideARequest() {
        List<NewEvent> events = List.of(NewEvent.of(new ItemAdded("book", 1), EventMetadata.none()));

        assertThat(RequestCorrelation.applied(events)).isSameAs(events);
    }
}
