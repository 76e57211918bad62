package dev.meridian.user.command;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The archive a person downloads: one JSON document with every module's {@code data} under {@code sections}, and
 * all of the person's events, from every module's section, in the order they were stored, each naming its
 * module.
 */
final class DataExportArchive {

    private DataExportArchive() {
    }

    /**
     * Assembles the archive of export {@code exportId} of {@code userId}.
     *
     * @param sections every module's section, {@code {"data": ..., "events": [...]}}, by module name
     */
    static String assemble(UUID exportId, UUID userId, Instant requestedAt, Instant assembledAt, Instant expiresAt,
                           Map<String, String> sections) {
        JsonObjectBuilder data = Json.createObjectBuilder();
        List<JsonObject> events = new ArrayList<>();
        for (Map.Entry<String, String> section : new TreeMap<>(sections).entrySet()) {
            JsonObject parsed = parse(section.getValue());
            data.add(section.getKey(), parsed.getOrDefault("data", JsonValue.NULL));
            for (JsonValue event : parsed.getJsonArray("events")) {
                events.add(Json.createObjectBuilder(event.asJsonObject()).add("module", section.getKey()).build());
            }
        }
        events.sort(Comparator.comparingLong(event -> event.getJsonNumber("globalPosition").longValue()));
        JsonArrayBuilder ordered = Json.createArrayBuilder();
        events.forEach(ordered::add);
        return Json.createObjectBuilder()
                .add("exportId", exportId.toString())
                .add("userId", userId.toString())
                .add("requestedAt", requestedAt.toString())
                .add("assembledAt", assembledAt.toString())
                .add("expiresAt", expiresAt.toString())
                .add("sections", data)
                .add("events", ordered)
                .build().toString();
    }

    private static JsonObject parse(String section) {
        try (JsonReader reader = Json.createReader(new StringReader(section))) {
            return reader.readObject();
        }
    }
}
