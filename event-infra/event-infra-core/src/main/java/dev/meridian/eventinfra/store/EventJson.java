package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.EventMetadata;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON form of events and snapshots (records as objects of their components) and of event metadata (a fixed
 * shape that never changes with a Java refactoring), through one JSON-B instance and, for reading metadata and
 * delivered envelopes, one JSON-P parser factory and one reader factory: creating JSON-P objects through
 * {@code jakarta.json.Json} looks the provider up on every call, which cost more than the rest of an append.
 */
public final class EventJson implements AutoCloseable {

    private static final Type TREE = new LinkedHashMap<String, Object>() { }.getClass().getGenericSuperclass();

    private final Jsonb jsonb = JsonbBuilder.create();
    private final JsonParserFactory parsers = JsonProvider.provider().createParserFactory(Map.of());
    private final JsonReaderFactory readers = JsonProvider.provider().createReaderFactory(Map.of());

    /** An event or a snapshot as a JSON object. */
    public String toJson(Record value) {
        return jsonb.toJson(value);
    }

    /** An event or a snapshot of {@code type} from its JSON object. */
    public <T> T fromJson(String json, Class<T> type) {
        return jsonb.fromJson(json, type);
    }

    /**
     * The stored shape of metadata; a record because JSON-B writes records several times faster than maps.
     * Absent parts are null, and JSON-B leaves nulls out.
     */
    public record StoredMetadata(String correlationId, String causationId, String actor,
                                 Map<String, String> traceContext) {
    }

    /** Metadata as {@code {correlationId, causationId, actor, traceContext}}, leaving out what is absent. */
    public String toJson(EventMetadata metadata) {
        return jsonb.toJson(new StoredMetadata(
                metadata.correlationId().map(UUID::toString).orElse(null),
                metadata.causationId().map(UUID::toString).orElse(null),
                metadata.actor().orElse(null),
                metadata.traceContext().isEmpty() ? null : metadata.traceContext()));
    }

    /**
     * Metadata from its JSON form. Read with the streaming parser rather than bound: binding the record cost twice
     * as much, and every event read from the store pays it; names it does not know are passed over.
     */
    public EventMetadata metadataFromJson(String json) {
        String correlationId = null;
        String causationId = null;
        String actor = null;
        Map<String, String> traceContext = Map.of();
        try (JsonParser parser = parsers.createParser(new StringReader(json))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw new IllegalArgumentException("Event metadata is a JSON object, not " + json);
            }
            while (parser.next() == JsonParser.Event.KEY_NAME) {
                String name = parser.getString();
                JsonParser.Event value = parser.next();
                switch (name) {
                    case "correlationId" -> correlationId = text(parser, value);
                    case "causationId" -> causationId = text(parser, value);
                    case "actor" -> actor = text(parser, value);
                    case "traceContext" -> traceContext = textMembers(parser, value);
                    default -> passOver(parser, value);
                }
            }
        } catch (JsonException | NoSuchElementException e) {
            throw new IllegalArgumentException("Not event metadata: " + json, e);
        }
        return new EventMetadata(Optional.ofNullable(correlationId).map(UUID::fromString),
                Optional.ofNullable(causationId).map(UUID::fromString), Optional.ofNullable(actor), traceContext);
    }

    /** The string just read; null for anything else, which is passed over. */
    private static String text(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.VALUE_STRING) {
            return parser.getString();
        }
        passOver(parser, value);
        return null;
    }

    /** The members whose values are strings of the object just opened; none for anything else. */
    private static Map<String, String> textMembers(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.START_OBJECT) {
            passOver(parser, value);
            return Map.of();
        }
        Map<String, String> members = new LinkedHashMap<>();
        while (parser.next() == JsonParser.Event.KEY_NAME) {
            String name = parser.getString();
            String text = text(parser, parser.next());
            if (text != null) {
                members.put(name, text);
            }
        }
        return members;
    }

    private static void passOver(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        } else if (value == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
        }
    }

    /**
     * A JSON object as JSON-P's immutable tree, to read a few known members off a document in one pass.
     *
     * @throws IllegalArgumentException when the text is no JSON object
     */
    public JsonObject objectOf(String json) {
        if (json == null) {
            throw new IllegalArgumentException("No JSON object in nothing");
        }
        try (JsonReader reader = readers.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * A JSON object as a mutable tree: objects as maps, arrays as lists, numbers as {@link java.math.BigDecimal},
     * and strings, booleans and nulls as themselves.
     */
    public Map<String, Object> toTree(String jsonObject) {
        return jsonb.fromJson(jsonObject, TREE);
    }

    /** The JSON text of a tree as {@link #toTree(String)} makes it. */
    public String fromTree(Map<String, Object> tree) {
        return jsonb.toJson(tree);
    }

    @Override
    public void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close JSON-B", e);
        }
    }
}
