package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.EventMetadata;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON form of events and snapshots (records as objects of their components) and of event metadata (a fixed
 * shape that never changes with a Java refactoring). Everything goes through one JSON-B instance: creating
 * JSON-P builders through {@code jakarta.json.Json} looks the provider up on every call, which cost more than the
 * rest of an append.
 */
public final class EventJson implements AutoCloseable {

    private static final Type TREE = new LinkedHashMap<String, Object>() { }.getClass().getGenericSuperclass();

    private final Jsonb jsonb = JsonbBuilder.create();

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

    /** Metadata from its JSON form. */
    public EventMetadata metadataFromJson(String json) {
        StoredMetadata stored = jsonb.fromJson(json, StoredMetadata.class);
        return new EventMetadata(
                Optional.ofNullable(stored.correlationId()).map(UUID::fromString),
                Optional.ofNullable(stored.causationId()).map(UUID::fromString),
                Optional.ofNullable(stored.actor()),
                stored.traceContext() == null ? Map.of() : stored.traceContext());
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
