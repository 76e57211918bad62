package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.StoredEvent;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The envelope of API.md, "Events on the broker": the body of every message the relay sends, and what a dead
 * letter keeps. The payload is the event as stored, in the version it was written as, so that each consumer
 * upcasts it with the event types it knows.
 */
public final class WireFormat {

    /** Message property: the event's stable type name. */
    public static final String EVENT_TYPE = "eventType";
    /** Message property: the version of the payload's shape. */
    public static final String EVENT_VERSION = "eventVersion";
    /** Message property: the event's stream. */
    public static final String STREAM_ID = "streamId";
    /** Message property: the request or process the event belongs to. */
    public static final String CORRELATION_ID = "correlationId";
    /** Artemis' duplicate-detection property ({@code org.apache.activemq.artemis.api.core.Message}). */
    public static final String DUPLICATE_DETECTION_ID = "_AMQ_DUPL_ID";

    private final EventJson eventJson;

    public WireFormat(EventJson eventJson) {
        this.eventJson = eventJson;
    }

    /**
     * The envelope without its payload; JSON-B leaves null parts out.
     *
     * @param eventId        the event's id
     * @param type           its stable name
     * @param version        the version of the payload's shape
     * @param streamId       its stream
     * @param streamVersion  its position in the stream
     * @param globalPosition its position in the store
     * @param occurredAt     when it happened, ISO-8601 UTC
     * @param correlationId  the request or process it belongs to
     * @param causationId    the event or command that caused it
     */
    public record Header(String eventId, String type, int version, String streamId, long streamVersion,
                         long globalPosition, String occurredAt, String correlationId, String causationId) {

        /** The event's id as a UUID. */
        public UUID id() {
            return UUID.fromString(eventId);
        }
    }

    /**
     * An envelope read from its JSON text.
     *
     * @param header  everything but the payload
     * @param payload the payload as JSON text
     */
    public record Envelope(Header header, String payload) {
    }

    /** The header of a stored event. */
    public Header headerOf(StoredEvent event) {
        var metadata = eventJson.metadataFromJson(event.metadata());
        return new Header(event.eventId().toString(), event.type(), event.version(), event.streamId(),
                event.streamVersion(), event.globalPosition(), event.occurredAt().toString(),
                metadata.correlationId().map(UUID::toString).orElse(null),
                metadata.causationId().map(UUID::toString).orElse(null));
    }

    /** The envelope's JSON text: the header's fields, then {@code payload} as a JSON object. */
    public String toJson(Header header, String payload) {
        String fields = eventJson.toJson(header);
        // the payload is already JSON: splice it in rather than parse and write it again
        return fields.substring(0, fields.length() - 1) + ",\"payload\":" + payload + "}";
    }

    /**
     * Reads an envelope; the payload comes back as JSON text. The envelope is parsed once and its header read off
     * the parsed object: binding it took four passes over JSON, and every delivery to every consumer pays for it.
     * Members it does not know are passed over; the ones it knows are checked here, at the edge, so that a
     * malformed envelope is refused before a delivery's transaction begins.
     *
     * @throws IllegalArgumentException when the text is no envelope
     */
    public Envelope fromJson(String envelopeJson) {
        JsonObject envelope;
        try {
            envelope = eventJson.objectOf(envelopeJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("An event envelope is a JSON object: " + e.getMessage(), e);
        }
        if (!(envelope.get("payload") instanceof JsonObject payload)) {
            throw new IllegalArgumentException("An event envelope needs a payload object");
        }
        try {
            Header header = new Header(uuid(envelope, "eventId", true), text(envelope, "type"),
                    Math.toIntExact(whole(envelope, "version")), text(envelope, "streamId"),
                    whole(envelope, "streamVersion"), whole(envelope, "globalPosition"),
                    instant(envelope, "occurredAt"), uuid(envelope, "correlationId", false),
                    uuid(envelope, "causationId", false));
            return new Envelope(header, payload.toString());
        } catch (ArithmeticException outOfRange) {
            throw new IllegalArgumentException("An event envelope's numbers are out of range", outOfRange);
        }
    }

    private static String text(JsonObject envelope, String name) {
        String text = optionalText(envelope, name);
        if (text == null) {
            throw new IllegalArgumentException("An event envelope needs " + name + " as a string");
        }
        return text;
    }

    private static String optionalText(JsonObject envelope, String name) {
        JsonValue value = envelope.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new IllegalArgumentException("An event envelope's " + name + " is a string, not " + value);
        }
        return text.getString();
    }

    /** The member's text, checked to be a UUID; null when it is absent and not required. */
    private static String uuid(JsonObject envelope, String name, boolean required) {
        String text = required ? text(envelope, name) : optionalText(envelope, name);
        if (text != null) {
            try {
                UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("An event envelope's " + name + " is a UUID, not " + text, e);
            }
        }
        return text;
    }

    private static String instant(JsonObject envelope, String name) {
        String text = text(envelope, name);
        try {
            Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("An event envelope's " + name + " is an ISO-8601 instant, not " + text,
                    e);
        }
        return text;
    }

    private static long whole(JsonObject envelope, String name) {
        if (!(envelope.get(name) instanceof JsonNumber number) || !number.isIntegral()) {
            throw new IllegalArgumentException("An event envelope needs " + name + " as a whole number");
        }
        return number.longValueExact();
    }
}
