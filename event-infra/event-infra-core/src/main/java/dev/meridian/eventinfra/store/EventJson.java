package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventMetadata;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON form of events (JSON-B, records as objects of their components) and of their metadata (a fixed shape
 * that never changes with a Java refactoring).
 */
public final class EventJson implements AutoCloseable {

    private final Jsonb jsonb = JsonbBuilder.create();

    /** The event as a JSON object. */
    public String toJson(DomainEvent event) {
        return jsonb.toJson(event);
    }

    /** An event of {@code eventClass} from its JSON object. */
    public <E extends DomainEvent> E fromJson(String json, Class<E> eventClass) {
        return jsonb.fromJson(json, eventClass);
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

    @Override
    public void close() throws Exception {
        jsonb.close();
    }
}
