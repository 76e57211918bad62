package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.EventMetadata;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON form of events and snapshots (JSON-B, records as objects of their components) and of event metadata
 * (a fixed shape that never changes with a Java refactoring).
 */
public final class EventJson implements AutoCloseable {

    private final Jsonb jsonb = JsonbBuilder.create();

    /** An event or a snapshot as a JSON object. */
    public String toJson(Record value) {
        return jsonb.toJson(value);
    }

    /** An event or a snapshot of {@code type} from its JSON object. */
    public <T> T fromJson(String json, Class<T> type) {
        return jsonb.fromJson(json, type);
    }

    /** Metadata as {@code {correlationId, causationId, actor, traceContext}}, leaving out what is absent. */
    public String toJson(EventMetadata metadata) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        metadata.correlationId().ifPresent(id -> json.add("correlationId", id.toString()));
        metadata.causationId().ifPresent(id -> json.add("causationId", id.toString()));
        metadata.actor().ifPresent(actor -> json.add("actor", actor));
        if (!metadata.traceContext().isEmpty()) {
            JsonObjectBuilder trace = Json.createObjectBuilder();
            metadata.traceContext().forEach(trace::add);
            json.add("traceContext", trace);
        }
        return json.build().toString();
    }

    /** Metadata from its JSON form. */
    public EventMetadata metadataFromJson(String json) {
        JsonObject object;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            object = reader.readObject();
        }
        Map<String, String> traceContext = new LinkedHashMap<>();
        if (object.containsKey("traceContext")) {
            object.getJsonObject("traceContext").forEach((name, value) ->
                    traceContext.put(name, object.getJsonObject("traceContext").getString(name)));
        }
        return new EventMetadata(
                Optional.ofNullable(object.getString("correlationId", null)).map(UUID::fromString),
                Optional.ofNullable(object.getString("causationId", null)).map(UUID::fromString),
                Optional.ofNullable(object.getString("actor", null)),
                traceContext);
    }

    /** A JSON object as a mutable tree of maps, lists, {@link BigDecimal}s, strings, booleans and nulls. */
    public Map<String, Object> toTree(String jsonObject) {
        try (JsonReader reader = Json.createReader(new StringReader(jsonObject))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) toTree(reader.readValue());
            return tree;
        }
    }

    private static Object toTree(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                value.asJsonObject().forEach((name, member) -> object.put(name, toTree(member)));
                yield object;
            }
            case ARRAY -> {
                List<Object> array = new ArrayList<>();
                value.asJsonArray().forEach(element -> array.add(toTree(element)));
                yield array;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /** The JSON text of a tree as {@link #toTree(String)} makes it. */
    public String fromTree(Map<String, Object> tree) {
        return toValue(tree).toString();
    }

    private static JsonValue toValue(Object node) {
        if (node == null) {
            return JsonValue.NULL;
        } else if (node instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((name, member) -> object.add(String.valueOf(name), toValue(member)));
            return object.build();
        } else if (node instanceof Collection<?> collection) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            collection.forEach(element -> array.add(toValue(element)));
            return array.build();
        } else if (node instanceof String text) {
            return Json.createValue(text);
        } else if (node instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (node instanceof BigDecimal number) {
            return Json.createValue(number);
        } else if (node instanceof Number number) {
            return Json.createValue(new BigDecimal(number.toString()));
        }
        throw new IllegalArgumentException("Not a JSON value: " + node.getClass().getName());
    }

    @Override
    public void close() throws Exception {
        jsonb.close();
    }
}
