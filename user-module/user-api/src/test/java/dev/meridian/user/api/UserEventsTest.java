package dev.meridian.user.api;

import dev.meridian.eventinfra.testing.PublishedEventSamples;
import org.junit.jupiter.api.Test;

class UserEventsTest {

    @Test
    void everyPublishedVersionHasASampleThatStillReads() {
        PublishedEventSamples.verify(new UserEvents(), "event-samples");
    }
}
