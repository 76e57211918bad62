package dev.meridian.notification.api;

import dev.meridian.eventinfra.testing.PublishedEventSamples;
import org.junit.jupiter.api.Test;

class NotificationEventsTest {

    @Test
    void everyPublishedVersionHasASampleThatStillReads() {
        PublishedEventSamples.verify(new NotificationEvents(), "event-samples");
    }
}
