package dev.meridian.eventinfra.web;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a request body must be before JSON-B may bind it: one JSON document and nothing after it, nested at most
 * {@value #MAX_DEPTH} deep, no control character in any string but tab, line feed and carriage return (PostgreSQL
 * refuses a NUL in text and JSON), and of the shape of the type it is read into. JSON-B would take a number or a
 * boolean for a string field ({@code "displayName": true} stored as "true") and report a mismatch naming Java
 * classes; here every refusal names the field, as {@link InvalidParameterException}.
 *
 * <p>The shape is checked for records (their components by name and type) and maps (a JSON object); other types
 * get the checks every document gets.
 */
public final class JsonBodyShape {

    /** Deeper than any body of the APIs; deeper still is an attack on the parser. */
    static final int MAX_DEPTH = 16;
    private static final String BODY = "body";
    /**
     * Looked up once: {@code Json.createParser} and {@code Json.createReader} look the provider up with a
     * {@code ServiceLoader} on every call, which scanned the server's jars on every request with a body (a fifth of
     * a profile update's CPU samples in the ceiling benchmark's profile).
     */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class);

    private JsonBodyShape() {
    }

    /**
     * Checks {@code body} for reading into {@code type}; an empty body passes (the resource says whether it needs
     * one).
     *
     * @throws InvalidParameterException naming the first field that is wrong
     */
    public static void check(String body, Type type) {
        if (body.isBlank()) {
            return;
        }
        JsonValue document = parsed(body);
        shape(BODY, document, type);
    }

    private static JsonValue parsed(String body) {
        scan(body);
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }

    /**
     * Reads the body as a stream of events: it must be one well-formed document (the parser refuses anything after
     * it), nested no deeper than allowed (counted before any document is built, so a deep one costs no more than
     * reading it once), with no control character in a name or a string.
     */
    private static void scan(String body) {
        int depth = 0;
        try (JsonParser parser = JSON.createParser(new StringReader(body))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        throw new InvalidParameterException(BODY, "is nested deeper than " + MAX_DEPTH + " levels");
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                } else if (event == JsonParser.Event.KEY_NAME || event == JsonParser.Event.VALUE_STRING) {
                    checkCharacters(parser.getString());
                }
            }
        } catch (JsonParsingException e) {
            throw new InvalidParameterException(BODY, "is not well-formed JSON (line " + e.getLocation()
                    .getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")");
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidParameterException(BODY, "is not well-formed JSON");
        }
    }

    private static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InvalidParameterException(BODY, "must not contain control characters such as U+"
                        + String.format("%04X", (int) c));
            }
        }
    }

    private static void shape(String field, JsonValue value, Type type) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            record(field, value, raw);
        } else if (Map.class.isAssignableFrom(raw)) {
            expect(field, value, JsonValue.ValueType.OBJECT, "a JSON object");
        } else if (Collection.class.isAssignableFrom(raw)) {
            expect(field, value, JsonValue.ValueType.ARRAY, "a JSON array");
            Type element = type instanceof ParameterizedType parameterized
                    ? parameterized.getActualTypeArguments()[0] : Object.class;
            JsonArray array = value.asJsonArray();
            for (int i = 0; i < array.size(); i++) {
                shape(field + "[" + i + "]", array.get(i), element);
            }
        } else if (raw == String.class) {
            expect(field, value, JsonValue.ValueType.STRING, "a string");
        } else if (raw == UUID.class) {
            expect(field, value, JsonValue.ValueType.STRING, "a UUID");
            try {
                UUID.fromString(((JsonString) value).getString());
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(field, "must be a UUID");
            }
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw new InvalidParameterException(field, "must be true or false");
            }
        } else if (WHOLE_NUMBERS.contains(raw)) {
            wholeNumber(field, value, raw);
        }
    }

    private static void record(String field, JsonValue value, Class<?> type) {
        expect(field, value, JsonValue.ValueType.OBJECT, "a JSON object");
        JsonObject object = value.asJsonObject();
        Map<String, RecordComponent> components = Arrays.stream(type.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, component -> component));
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String name = field.equals(BODY) ? member.getKey() : field + "." + member.getKey();
            RecordComponent component = Optional.ofNullable(components.get(member.getKey()))
                    .orElseThrow(() -> new InvalidParameterException(name, "is not a field of this request"));
            shape(name, member.getValue(), component.getGenericType());
        }
    }

    private static void wholeNumber(String field, JsonValue value, Class<?> type) {
        expect(field, value, JsonValue.ValueType.NUMBER, "a whole number");
        BigDecimal number = ((JsonNumber) value).bigDecimalValue();
        long max = type == int.class || type == Integer.class ? Integer.MAX_VALUE
                : type == short.class || type == Short.class ? Short.MAX_VALUE : Long.MAX_VALUE;
        if (number.stripTrailingZeros().scale() > 0 || number.abs().compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidParameterException(field, "must be a whole number up to " + max);
        }
    }

    private static void expect(String field, JsonValue value, JsonValue.ValueType expected, String what) {
        if (value.getValueType() != expected) {
            throw new InvalidParameterException(field, "must be " + what);
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            return raw;
        }
        return Object.class;
    }
}
