package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.store.EventJson;
import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

    private static final String EVENT_ID = "0b9c6b8e-5f0e-4c56-9d53-3c1f7f6a2d10";
    private static final String CORRELATION_ID = "6f1d3f4e-4a3b-4c1e-9a57-0c7d1f2e3a4b";

    private final EventJson json = new EventJson();
    private final WireFormat wire = new WireFormat(json);

    @AfterEach
    void closeJson() {
        json.close();
    }

    @Test
    void readsBackTheEnvelopeItWrites() {
        WireFormat.Header header = new WireFormat.Header(EVENT_ID, "user.UserRegistered", 2, "user-42", 7,
                12_345_678_901L, "2026-11-23T03:26:11.123456Z", CORRELATION_ID, null);
        String payload = "{\"name\":\"Zoë \\\"Z\\\" Ångström\",\"tags\":[\"a\",{\"b\":null}],\"score\":1.50,"
                + "\"count\":3}";

        WireFormat.Envelope read = wire.fromJson(wire.toJson(header, payload));

        assertThat(read.header()).isEqualTo(header);
        assertThat(parsed(read.payload())).isEqualTo(parsed(payload));
        assertThat(read.payload()).contains("1.50");
    }

    @Test
    void passesOverMembersItDoesNotKnow() {
        String envelope = """
                {"future":{"nested":[1,{"deeper":true}]},"eventId":"%s","type":"probe.Published","version":1,
                 "streamId":"s-1","streamVersion":1,"globalPosition":9,"occurredAt":"2026-11-23T00:00:00Z",
                 "correlationId":null,"more":[[]],"payload":{"note":"n1"},"last":"x"}
                """.formatted(EVENT_ID);

        WireFormat.Envelope read = wire.fromJson(envelope);

        assertThat(read.header()).isEqualTo(new WireFormat.Header(EVENT_ID, "probe.Published", 1, "s-1", 1, 9,
                "2026-11-23T00:00:00Z", null, null));
        assertThat(read.payload()).isEqualTo("{\"note\":\"n1\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[1, 2]",
        "{\"eventId\":\"e\"",
        "{\"eventId\":\"e\",\"type\":\"t\",\"version\":1,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\"}",
        "{\"eventId\":\"e\",\"type\":\"t\",\"version\":1,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"payload\":[1]}",
        "{\"type\":\"t\",\"version\":1,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"payload\":{}}",
        "{\"eventId\":7,\"type\":\"t\",\"version\":1,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"payload\":{}}",
        "{\"eventId\":\"e\",\"type\":\"t\",\"version\":1.5,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"payload\":{}}",
        "{\"eventId\":\"e\",\"type\":\"t\",\"version\":\"1\",\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"payload\":{}}",
        "{\"eventId\":\"e\",\"type\":\"t\",\"version\":3000000000,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"payload\":{}}",
        "{\"eventId\":\"e\",\"type\":\"t\",\"version\":1,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1e40,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"payload\":{}}",
        "{\"eventId\":\"e\",\"type\":\"t\",\"version\":1,\"streamId\":\"s\",\"streamVersion\":1,"
                + "\"globalPosition\":1,\"occurredAt\":\"2026-11-23T00:00:00Z\",\"causationId\":{},\"payload\":{}}"
    })
    void refusesWhatIsNoEnvelope(String text) {
        assertThatThrownBy(() -> wire.fromJson(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("An event envelope");
    }

    private static Object parsed(String jsonObject) {
        try (var reader = Json.createReader(new StringReader(jsonObject))) {
            return reader.readObject();
        }
    }
}
