package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests generated from the OpenAPI documents of the deployed EAR, the way an attacker's fuzzer would
 * make them: for every documented operation, malformed path and query parameters (control characters, path
 * tricks, huge values, impossible instants and dates, numbers out of range), malformed bodies (wrong JSON types for
 * each documented field, nulls, arrays, deep nesting, a huge document, trailing content, invalid UTF-8) under
 * several content types, and no token, a forged token, a user's and an administrator's. Every answer must be below
 * 500; every 4xx a problem+json document naming no Java class; every answer must carry {@code X-Correlation-Id};
 * and no request may have stored anything: every request carries the run's correlation id, and no event in the store
 * may have it.
 */
@ExtendWith(ArquillianExtension.class)
class GeneratedInputIT {

    private static final List<String> DOCUMENTS = List.of("/api/auth/openapi", "/api/users/openapi",
            "/api/notifications/openapi", "/api/analytics/openapi", "/admin/openapi");
    private static final int AT_LEAST = 5_000;
    private static final Pattern JAVA_CLASS = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+");
    private static final String HUGE = "x".repeat(20_000);

    private static final List<String> BAD_VALUES = List.of("%00", "a%00b", "%0D%0AX-Injected:%201", "..%2F..%2Fetc",
            "%2E%2E", "%E2%80%AE", "%FF%FE", "-1", "0", "99999999999999999999", "NaN", "1e309", "true",
            "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "-1000000000-01-01T00:00:00Z",
            "%2B999999999-12-31T23:59:59Z", "2026-02-30", "2026-13-01T00:00:00Z", "%2B999999999-12-31",
            "%27%20or%201%3D1--", "%3Cscript%3E", "%25", "%5B%5D", HUGE);
    private static final List<String> BAD_BODIES = List.of("", "null", "[]", "{}", "\"text\"", "1", "true",
            "{\"a\":", "{}garbage", "{\"x\":1}{\"y\":2}", "[" .repeat(5_000) + "]".repeat(5_000),
            "{\"a\":" .repeat(2_000) + "1" + "}".repeat(2_000), "{\"big\":\"" + "y".repeat(120_000) + "\"}",
            "{\"email\":\"\u0000@example.org\",\"password\":\"\u0007\"}", "\u00ff\u00fe{}");
    private static final List<String> WRONG_TYPES = List.of("true", "1", "-1.5e400", "[]", "{}", "null",
            "\"\\u0000\"", "\"" + HUGE + "\"", "\"not-a-uuid\"", "\"-1000000000-01-01T00:00:00Z\"");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain",
            "application/json; charset=ISO-8859-1", "application/xml");

    private final String correlationId = UUID.randomUUID().toString();
    private final List<String> credentials = List.of("", "Bearer not.a.token",
            "Bearer " + TestTokens.tokenFor(UUID.randomUUID(), "generated@example.org", "user"),
            TestTokens.administratorBearer());
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final List<String> broken = new ArrayList<>();
    private int sent;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void malformedRequestsGetClearRefusalsAndStoreNothing() throws Exception {
        for (String document : DOCUMENTS) {
            JsonObject openApi = TestServer.json(TestServer.get(TestServer.http(document + "?format=JSON")));
            JsonObject schemas = openApi.getOrDefault("components", JsonValue.EMPTY_JSON_OBJECT).asJsonObject()
                    .getOrDefault("schemas", JsonValue.EMPTY_JSON_OBJECT).asJsonObject();
            openApi.getJsonObject("paths").forEach((path, operations) -> operations.asJsonObject()
                    .forEach((method, operation) -> {
                        if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                            attack(path, method.toUpperCase(), operation.asJsonObject(), schemas);
                        }
                    }));
        }

        assertThat(sent).as("requests sent, by status " + byStatus).isGreaterThanOrEqualTo(AT_LEAST);
        assertThat(broken).as(broken.size() + " of " + sent + " answers break API.md's conventions (by status "
                + byStatus + "); the first: " + String.join("\n", broken.subList(0, Math.min(40, broken.size()))))
                .isEmpty();
        assertThat(TestServer.count("select count(*) from event_infra.events where correlation_id = '"
                + correlationId + "'")).as("events stored by the refused requests").isZero();
    }

    private void attack(String path, String method, JsonObject operation, JsonObject schemas) {
        if (path.endsWith("/events/live")) {
            // a stream that stays open for as long as the token lives: only the refusals
            send(method, path, "", null, null, credentials.get(1));
            return;
        }
        List<String> pathParameters = new ArrayList<>();
        List<String> queryParameters = new ArrayList<>();
        for (JsonValue parameter : operation.getOrDefault("parameters", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
            String in = parameter.asJsonObject().getString("in");
            String name = parameter.asJsonObject().getString("name");
            if (in.equals("path")) {
                pathParameters.add(name);
            } else if (in.equals("query")) {
                queryParameters.add(name);
            }
        }
        String wellFormedPath = path;
        for (String name : pathParameters) {
            wellFormedPath = wellFormedPath.replace("{" + name + "}", UUID.randomUUID().toString());
        }
        boolean takesBody = operation.containsKey("requestBody");
        // "{}" retries every parked dead letter: a well-formed request among the malformed ones, with effects on
        // the other tests' server
        List<String> callers = path.endsWith("/dead-letters/retry") ? credentials.subList(0, 2) : credentials;
        for (String authorization : callers) {
            for (String name : pathParameters) {
                for (String bad : BAD_VALUES) {
                    send(method, path.replace("{" + name + "}", bad).replaceAll("\\{[^}]+}",
                            UUID.randomUUID().toString()), "", takesBody ? "{}" : null, "application/json",
                            authorization);
                }
            }
            for (String name : queryParameters) {
                for (String bad : BAD_VALUES) {
                    send(method, wellFormedPath, "?" + name + "=" + bad, takesBody ? "{}" : null,
                            "application/json", authorization);
                }
            }
            if (takesBody) {
                for (String contentType : CONTENT_TYPES) {
                    for (String body : BAD_BODIES) {
                        send(method, wellFormedPath, "", body, contentType, authorization);
                    }
                }
                for (String field : documentedFields(operation, schemas)) {
                    for (String wrong : WRONG_TYPES) {
                        send(method, wellFormedPath, "", "{\"" + field + "\":" + wrong + "}", "application/json",
                                authorization);
                    }
                }
            }
            if (pathParameters.isEmpty() && queryParameters.isEmpty() && !takesBody) {
                // nothing to malform but the token: only the forged one, so nothing valid is asked for
                send(method, wellFormedPath, "", null, null, credentials.get(1));
                send(method, wellFormedPath, "", null, null, "Bearer " + "e".repeat(9_000));
                return;
            }
        }
    }

    /** The fields the operation's body schema documents, and one it does not. */
    private static List<String> documentedFields(JsonObject operation, JsonObject schemas) {
        JsonObject schema = operation.getJsonObject("requestBody").getJsonObject("content").values().stream()
                .findFirst().map(JsonValue::asJsonObject).map(content -> content.getJsonObject("schema"))
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (schema.containsKey("$ref")) {
            String reference = schema.getString("$ref");
            schema = schemas.getOrDefault(reference.substring(reference.lastIndexOf('/') + 1),
                    JsonValue.EMPTY_JSON_OBJECT).asJsonObject();
        }
        List<String> fields = new ArrayList<>(List.of("unknownField"));
        fields.addAll(schema.getOrDefault("properties", JsonValue.EMPTY_JSON_OBJECT).asJsonObject().keySet());
        return fields;
    }

    private void send(String method, String path, String query, String body, String contentType,
                      String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.http(path) + query))
                .timeout(Duration.ofSeconds(30)).header("X-Correlation-Id", correlationId)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        String what = method + " " + path + query.substring(0, Math.min(query.length(), 80)) + " with "
                + (body == null ? "no body" : (body.length() > 60 ? body.substring(0, 60) + "…" : body)) + " as "
                + contentType + (authorization.isEmpty() ? ", no token" : ", " + authorization.substring(0,
                Math.min(authorization.length(), 20)));
        sent++;
        HttpResponse<String> answer;
        try {
            answer = TestServer.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            broken.add(what + ": no answer (" + e + ")");
            return;
        }
        byStatus.merge(answer.statusCode(), 1, Integer::sum);
        List<String> wrong = new ArrayList<>();
        if (answer.statusCode() >= 500) {
            wrong.add("a " + answer.statusCode());
        }
        if (answer.statusCode() >= 400 && answer.statusCode() < 500 && !answer.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/problem+json")) {
            wrong.add("a " + answer.statusCode() + " as " + answer.headers().firstValue("Content-Type")
                    .orElse("no type"));
        }
        if (answer.statusCode() >= 400 && JAVA_CLASS.matcher(answer.body()).find()) {
            wrong.add("a Java class named");
        }
        if (answer.headers().firstValue("X-Correlation-Id").isEmpty()) {
            wrong.add("no X-Correlation-Id");
        }
        if (!wrong.isEmpty()) {
            broken.add(what + ": " + String.join(", ", wrong) + " " + answer.body().substring(0,
                    Math.min(answer.body().length(), 200)));
        }
    }
}
