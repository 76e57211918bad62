package dev.meridian.eventinfra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.testing.Greetings.Greeted;
import dev.meridian.eventinfra.testing.Greetings.GreetingEvent;
import dev.meridian.eventinfra.testing.Greetings.Host;
import org.junit.jupiter.api.Test;

class FixturesTest {

    @Test
    void specifiesWhatACommandRecordsGivenTheHistory() {
        AggregateScenario.<Host, GreetingEvent>given(Host::new)
                .when(host -> host.greet("Ada"))
                .thenRecorded(new Greeted("Ada", "warmly"));
        AggregateScenario.<Host, GreetingEvent>given(Host::new, new Greeted("Ada", "warmly"))
                .when(host -> host.greet("Ada"))
                .thenRecordedNothing();
    }

    @Test
    void reportsADifferentOutcomeAsAFailure() {
        assertThatThrownBy(() -> AggregateScenario.<Host, GreetingEvent>given(Host::new)
                .when(host -> host.greet("Ada"))
                .thenRecorded(new Greeted("Grace", "warmly")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Grace").hasMessageContaining("Ada");
        assertThatThrownBy(() -> AggregateScenario.<Host, GreetingEvent>given(Host::new)
                .when(host -> host.greet("Ada"))
                .thenRefused(IllegalArgumentException.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining("recorded");
    }

    @Test
    void returnsTheRefusalForFurtherChecks() {
        IllegalArgumentException refusal = AggregateScenario.<Host, GreetingEvent>given(Host::new)
                .when(host -> host.greet(" "))
                .thenRefused(IllegalArgumentException.class);

        assertThat(refusal).hasMessage("Greet somebody");
    }

    @Test
    void acceptsSamplesOfEveryVersionThatStillRead() {
        PublishedEventSamples.verify(new Greetings.Catalog(), "event-samples");
    }

    @Test
    void failsACatalogThatCouldNotReadItsOwnOlderVersionsAndListsMissingSamples() {
        assertThatThrownBy(() -> PublishedEventSamples.verify(new Greetings.CatalogWithoutUpcaster(),
                "event-samples"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("would fail the deployment: test.Greeted is at version 2, but no upcaster");
        assertThatThrownBy(() -> PublishedEventSamples.verify(new Greetings.Catalog(), "no-such-samples"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no sample no-such-samples/test.Greeted/v1.json")
                .hasMessageContaining("no sample no-such-samples/test.Waved/v1.json");
    }
}
