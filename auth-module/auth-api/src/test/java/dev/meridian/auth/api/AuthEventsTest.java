package dev.meridian.auth.api;

import dev.meridian.eventinfra.testing.PublishedEventSamples;
import org.junit.jupiter.api.Test;

class AuthEventsTest {

    @Test
    void everyPublishedVersionHasASampleThatStillReads() {
        PublishedEventSamples.verify(new AuthEvents(), "event-samples");
    }
}
