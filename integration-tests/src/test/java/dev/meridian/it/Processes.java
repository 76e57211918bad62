package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The process log as an operator reads it, through {@code /admin/api/processes}. */
final class Processes {

    private static final String ADMIN = TestTokens.administratorBearer();

    private Processes() {
    }

    /** The one process of {@code type} about {@code subjectId}, with its steps. */
    static JsonObject of(String type, String subjectId) throws Exception {
        List<JsonObject> processes = all(type, subjectId);
        assertThat(processes).as("the " + type + " processes of " + subjectId).hasSize(1);
        return processes.get(0);
    }

    /** Every process of {@code type} about {@code subjectId}, newest first, with its steps. */
    static List<JsonObject> all(String type, String subjectId) throws Exception {
        List<JsonObject> found = new ArrayList<>();
        HttpResponse<String> page = TestServer.send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/processes?type=" + type + "&size=500")).header("Authorization", ADMIN));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        for (var item : TestServer.json(page).getJsonArray("items")) {
            if (item.asJsonObject().getString("subjectId").equals(subjectId)) {
                found.add(byId(item.asJsonObject().getString("id")));
            }
        }
        return found;
    }

    static JsonObject byId(String id) throws Exception {
        HttpResponse<String> detail = TestServer.send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/processes/" + id)).header("Authorization", ADMIN));
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
        return TestServer.json(detail);
    }

    /** The process' status: RUNNING, CLOSED, CANCELLED or FAILED. */
    static String status(JsonObject process) {
        return process.getJsonObject("process").getString("status");
    }

    /** Its steps as {@code module: step}, in order. */
    static List<String> steps(JsonObject process) {
        return process.getJsonArray("steps").stream().map(JsonObject.class::cast)
                .map(step -> step.getString("module") + ": " + step.getString("step")).toList();
    }
}
