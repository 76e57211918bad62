package dev.meridian.it;

import static dev.meridian.it.TestServer.get;
import static dev.meridian.it.TestServer.http;
import static dev.meridian.it.TestServer.json;
import static dev.meridian.it.TestServer.management;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped EAR deploys and every module answers where API.md says it does. */
@ExtendWith(ArquillianExtension.class)
class DeployedModulesIT {

    /** Each module's name and where its WAR is deployed. */
    private static final Map<String, String> MODULE_ROOTS = Map.of(
            "auth", "/api/auth",
            "user", "/api/users",
            "notification", "/api/notifications",
            "analytics", "/api/analytics",
            "admin", "/admin/api");

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void everyModuleTellsItsNameAndVersionWithoutAuthentication() throws Exception {
        for (Map.Entry<String, String> module : MODULE_ROOTS.entrySet()) {
            HttpResponse<String> response = get(http(module.getValue() + "/info"));

            assertThat(response.statusCode()).as(module.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            JsonObject info = json(response);
            assertThat(info.getString("name")).isEqualTo(module.getKey());
            assertThat(info.getString("version")).isNotBlank().doesNotContain("${");
        }
    }

    @Test
    void noAnswerOfAnyApiMayBeStoredByACache() throws Exception {
        String admin = TestTokens.administratorBearer();
        for (String path : MODULE_ROOTS.values()) {
            for (String answer : List.of("/info", "/no-such-resource")) {
                HttpResponse<String> response = TestServer.send(HttpRequest.newBuilder(http(path + answer))
                        .header("Authorization", admin));
                assertThat(response.headers().firstValue("Cache-Control")).as(path + answer).hasValue("no-store");
            }
        }
        HttpResponse<String> accounts = TestServer.send(HttpRequest.newBuilder(http("/api/auth/accounts/"
                + TestServer.accountWith(TestServer.property("meridian.test.admin.email")))).header("Authorization",
                admin));
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.headers().firstValue("Cache-Control")).as("an account").hasValue("no-store");
        HttpResponse<String> refused = TestServer.send(HttpRequest.newBuilder(http("/api/users/me")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Cache-Control")).as("the server's own 401").hasValue("no-store");
    }

    @Test
    void isLiveAndReadyWithTheDatabaseAndTheBrokerOfEveryModule() throws Exception {
        assertThat(json(get(management("/health/live"))).getString("status")).isEqualTo("UP");

        HttpResponse<String> ready = get(management("/health/ready"));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonObject database = TestServer.healthCheck(json(ready), "database");
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").keySet())
                .contains("auth.schemaVersion", "user.schemaVersion", "notification.schemaVersion",
                        "analytics.schemaVersion", "admin.schemaVersion");
        assertThat(database.getJsonObject("data").keySet()).as("whoever reads readiness learns no product or"
                + " version to attack").allMatch(key -> key.endsWith(".schemaVersion"));
        assertThat(ready.body()).doesNotContainIgnoringCase("postgresql").doesNotContainIgnoringCase("artemis");
        JsonObject broker = TestServer.healthCheck(json(ready), "broker");
        assertThat(broker.getString("status")).isEqualTo("UP");
        assertThat(broker.getJsonObject("data")).containsEntry("auth.topic", Json.createValue("meridian.auth.events"))
                .containsEntry("user.topic", Json.createValue("meridian.user.events"))
                .containsEntry("notification.topic", Json.createValue("meridian.notification.events"))
                .containsEntry("analytics.topic", Json.createValue("meridian.analytics.events"));
    }

    @Test
    void servesAnOpenApiDocumentPerModule() throws Exception {
        for (Map.Entry<String, String> module : MODULE_ROOTS.entrySet()) {
            String root = module.getValue().replace("/admin/api", "/admin");
            HttpResponse<String> response = get(http(root + "/openapi?format=JSON"));

            assertThat(response.statusCode()).as(module.getKey()).isEqualTo(200);
            assertThat(json(response).getJsonObject("paths").keySet()).as(module.getKey())
                    .anySatisfy(path -> assertThat(path).endsWith("/info"));
        }
    }

    @Test
    void documentsTheAdminOperationsWithTheStatusTheyAnswer() throws Exception {
        JsonObject paths = json(get(http("/admin/openapi?format=JSON"))).getJsonObject("paths");

        for (String[] operation : List.of(new String[] {"/admin/api/dead-letters/{id}/retry", "post", "202"},
                new String[] {"/admin/api/dead-letters/retry", "post", "202"},
                new String[] {"/admin/api/dead-letters/{id}/discard", "post", "204"},
                new String[] {"/admin/api/projections/{name}/rebuild", "post", "202"},
                new String[] {"/admin/api/events/live", "get", "200"})) {
            assertThat(paths.getJsonObject(operation[0]).getJsonObject(operation[1]).getJsonObject("responses")
                    .keySet()).as("the success documented for " + operation[1] + " " + operation[0])
                    .filteredOn(status -> status.startsWith("2")).containsExactly(operation[2]);
        }
    }

    @Test
    void documentsEveryErrorAnswerAsAProblemAndTheTokenOperationsNeed() throws Exception {
        for (Map.Entry<String, String> module : MODULE_ROOTS.entrySet()) {
            JsonObject document = openApi(module.getValue());
            JsonObject components = document.getJsonObject("components");
            assertThat(components.getJsonObject("schemas").getJsonObject("Problem").getJsonObject("properties")
                    .keySet()).as(module.getKey()).contains("type", "title", "status", "detail", "violations");
            JsonObject bearer = components.getJsonObject("securitySchemes").getJsonObject("bearer");
            assertThat(List.of(bearer.getString("type"), bearer.getString("scheme"))).as(module.getKey())
                    .containsExactly("http", "bearer");

            for (DocumentedOperation operation : operations(document)) {
                operation.responses().forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        JsonObject content = response.asJsonObject().getJsonObject("content");
                        assertThat(content.keySet()).as(operation + " " + status)
                                .containsExactly("application/problem+json");
                        assertThat(content.getJsonObject("application/problem+json").getJsonObject("schema")
                                .getString("$ref")).as(operation + " " + status)
                                .isEqualTo("#/components/schemas/Problem");
                    }
                });
            }
        }
    }

    @Test
    void refusesEveryOperationDocumentedToNeedATokenWithoutOneAndAnAdministratorsToAnyoneElse() throws Exception {
        List<DocumentedOperation> secured = new ArrayList<>();
        for (String root : MODULE_ROOTS.values()) {
            operations(openApi(root)).stream().filter(operation -> operation.requiredRoles().isPresent())
                    .forEach(secured::add);
        }
        assertThat(secured).extracting(DocumentedOperation::toString).contains("GET /api/users/me",
                "DELETE /api/users/me", "GET /api/auth/sessions", "PUT /api/auth/accounts/{userId}/roles",
                "GET /api/analytics/summary", "GET /admin/api/dead-letters", "GET /admin/api/events/live")
                .doesNotContain("POST /api/auth/sessions", "POST /api/auth/registrations", "GET /api/users/info");
        String someoneElse = "Bearer " + TestTokens.tokenFor("someone@example.com", "user");

        for (DocumentedOperation operation : secured) {
            assertThat(operation.responses().keySet()).as(operation.toString()).contains("401");
            // with a malformed id, too: who may ask is decided before what is asked is read
            HttpResponse<String> anonymous = TestServer.send(operation.request("not-an-id"));
            assertThat(anonymous.statusCode()).as(operation + ": " + anonymous.body()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).as(operation.toString())
                    .hasValue("application/problem+json");
            if (operation.requiredRoles().get().contains("admin")) {
                assertThat(operation.responses().keySet()).as(operation.toString()).contains("403");
                HttpResponse<String> refused = TestServer.send(operation.request(UUID.randomUUID().toString())
                        .header("Authorization", someoneElse));
                assertThat(refused.statusCode()).as(operation + ": " + refused.body()).isEqualTo(403);
            }
        }
    }

    private static JsonObject openApi(String moduleRoot) throws Exception {
        return json(get(http(moduleRoot.replace("/admin/api", "/admin") + "/openapi?format=JSON")));
    }

    private static List<DocumentedOperation> operations(JsonObject document) {
        List<DocumentedOperation> operations = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (operation.getValueType() == JsonValue.ValueType.OBJECT
                    && operation.asJsonObject().containsKey("responses")) {
                operations.add(new DocumentedOperation(method.toUpperCase(Locale.ROOT), path,
                        operation.asJsonObject()));
            }
        }));
        return operations;
    }

    /** An operation as a module's OpenAPI document describes it. */
    private record DocumentedOperation(String method, String path, JsonObject operation) {

        JsonObject responses() {
            return operation.getJsonObject("responses");
        }

        /** The roles its bearer token must carry (none for any valid token); empty if it needs no token. */
        Optional<List<String>> requiredRoles() {
            return operation.getOrDefault("security", JsonValue.EMPTY_JSON_ARRAY).asJsonArray().stream()
                    .map(JsonValue::asJsonObject).filter(requirement -> requirement.containsKey("bearer"))
                    .map(requirement -> requirement.getJsonArray("bearer").getValuesAs(JsonString::getString))
                    .findFirst();
        }

        /** A request for it, every path parameter {@code parameter}, any body an empty object. */
        HttpRequest.Builder request(String parameter) {
            URI uri = http(path.replaceAll("\\{[^}]+}", parameter));
            return switch (method) {
                case "POST", "PUT", "PATCH" -> HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"));
                default -> HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
            };
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void exportsMetricsForPrometheus() throws Exception {
        HttpResponse<String> metrics = get(management("/prometheus"));

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
    }
}
