package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.store.EventJson;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
    @MethodSource("noEnvelopes")
    void refusesWhatIsNoEnvelope(String text) {
        assertThatThrownBy(() -> wire.fromJson(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("An event envelope");
    }

    static Stream<String> noEnvelopes() {
        return Stream.of(
                null,
                "not json",
                "[1, 2]",
                "{\"eventId\":\"" + EVENT_ID + "\"",
                envelopeWith("payload", null),
                envelopeWith("payload", "[1]"),
                envelopeWith("eventId", null),
                envelopeWith("eventId", "7"),
                envelopeWith("eventId", "\"e\""),
                envelopeWith("version", "1.5"),
                envelopeWith("version", "\"1\""),
                envelopeWith("version", "3000000000"),
                envelopeWith("globalPosition", "1e40"),
                envelopeWith("occurredAt", "\"yesterday\""),
                envelopeWith("correlationId", "\"not-a-uuid\""),
                envelopeWith("causationId", "{}"));
    }

    /** A valid envelope with one member's JSON value replaced, or left out when {@code json} is null. */
    private static String envelopeWith(String member, String json) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("eventId", "\"" + EVENT_ID + "\"");
        members.put("type", "\"probe.Published\"");
        members.put("version", "1");
        members.put("streamId", "\"s-1\"");
        members.put("streamVersion", "1");
        members.put("globalPosition", "1");
        members.put("occurredAt", "\"2026-11-23T00:00:00Z\"");
        members.put("correlationId", "\"" + CORRELATION_ID + "\"");
        members.put("causationId", "null");
        members.put("payload", "{}");
        if (json == null) {
            members.remove(member);
        } else {
            members.put(member, json);
        }
        StringJoiner envelope = new StringJoiner(",", "{", "}");
        members.forEach((name, value) -> envelope.add("\"" + name + "\":" + value));
        return envelope.toString();
    }

    @Test
    void readsTheValidEnvelopeTheRefusalsStartFrom() {
        assertThat(wire.fromJson(envelopeWith("type", "\"probe.Published\"")).header().eventId()).isEqualTo(EVENT_ID);
    }

    private static Object parsed(String jsonObject) {
        try (var reader = Json.createReader(new StringReader(jsonObject))) {
            return reader.readObject();
        }
    }
}
