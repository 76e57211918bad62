package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private final EventJson json = new EventJson();

    @Test
    void writesAnEventAsAnObjectOfItsComponentsAndReadsItBack() {
        String written = json.toJson(new ItemAdded("apple", 3));

        assertThat(written).isEqualTo("{\"item\":\"apple\",\"quantity\":3}");
        assertThat(json.fromJson(written, ItemAdded.class)).isEqualTo(new ItemAdded("apple", 3));
    }

    @Test
    void writesMetadataInItsFixedShapeLeavingOutWhatIsAbsent() {
        UUID correlation = UUID.fromString("6f1d3f4e-4a3b-4c1e-9a57-0c7d1f2e3a4b");
        EventMetadata metadata = new EventMetadata(Optional.of(correlation), Optional.empty(), Optional.of("system"),
                Map.of("traceparent", "00-abc-def-01"));

        String written = json.toJson(metadata);

        assertThat(written).isEqualTo("{\"actor\":\"system\","
                + "\"correlationId\":\"6f1d3f4e-4a3b-4c1e-9a57-0c7d1f2e3a4b\","
                + "\"traceContext\":{\"traceparent\":\"00-abc-def-01\"}}");
        assertThat(json.metadataFromJson(written)).isEqualTo(metadata);
        assertThat(json.metadataFromJson(json.toJson(EventMetadata.none()))).isEqualTo(EventMetadata.none());
    }

    @Test
    void readsMetadataWrittenByPostgresqlPassingOverWhatItDoesNotKnow() {
        String stored = "{\"actor\": \"system\", \"addedLater\": {\"nested\": [1, {\"deeper\": true}]},"
                + " \"causationId\": null, \"tags\": [\"a\"], \"traceContext\": {\"traceparent\": \"00-abc-def-01\","
                + " \"sampled\": 1}}";

        assertThat(json.metadataFromJson(stored)).isEqualTo(new EventMetadata(Optional.empty(), Optional.empty(),
                Optional.of("system"), Map.of("traceparent", "00-abc-def-01")));
        assertThat(json.metadataFromJson("{\"actor\": [\"not\", \"text\"], \"causationId\": {\"correlationId\": \"x\"},"
                + " \"traceContext\": [{\"a\": \"b\"}], \"correlationId\": \"6f1d3f4e-4a3b-4c1e-9a57-0c7d1f2e3a4b\"}"))
                .as("values of the wrong shape are passed over whole")
                .isEqualTo(new EventMetadata(Optional.of(UUID.fromString("6f1d3f4e-4a3b-4c1e-9a57-0c7d1f2e3a4b")),
                        Optional.empty(), Optional.empty(), Map.of()));
        assertThatThrownBy(() -> json.metadataFromJson("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.metadataFromJson("{\"actor\": ")).isInstanceOf(IllegalArgumentException.class);
    }
}
