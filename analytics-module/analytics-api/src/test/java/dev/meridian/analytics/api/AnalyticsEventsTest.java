package dev.meridian.analytics.api;

import dev.meridian.eventinfra.testing.PublishedEventSamples;
import org.junit.jupiter.api.Test;

class AnalyticsEventsTest {

    @Test
    void everyPublishedVersionHasASampleThatStillReads() {
        PublishedEventSamples.verify(new AnalyticsEvents(), "event-samples");
    }
}
