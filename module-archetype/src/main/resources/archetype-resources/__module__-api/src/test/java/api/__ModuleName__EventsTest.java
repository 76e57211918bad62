package ${package}.api;

import dev.meridian.eventinfra.testing.PublishedEventSamples;
import org.junit.jupiter.api.Test;

class ${ModuleName}EventsTest {

    @Test
    void everyPublishedVersionHasASampleThatStillReads() {
        PublishedEventSamples.verify(new ${ModuleName}Events(), "event-samples");
    }
}
