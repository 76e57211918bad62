package dev.meridian.it;

import static dev.meridian.it.TestServer.postJson;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API over the event store against the deployed EAR: events by stream, type, correlation id and
 * position, a stream with its version, personal data readable only until the person is erased, and strict
 * parameters.
 */
@ExtendWith(ArquillianExtension.class)
class AdminEventsIT {

    private static final String PASSWORD = "a perfectly fine passphrase";

    private final String admin = TestTokens.administratorBearer();

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void theLiveFeedEndsWhenTheTokenItWasOpenedWithExpires() throws Exception {
        String shortLived = TestTokens.tokenExpiringAt("ops@meridian.dev", Instant.now().plusSeconds(3), "user",
                "admin");
        HttpResponse<Stream<String>> feed = TestServer.HTTP.send(HttpRequest.newBuilder(
                        TestServer.http("/admin/api/events/live")).header("Authorization", "Bearer " + shortLived)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(feed.statusCode()).isEqualTo(200);
        long opened = System.nanoTime();

        List<String> lines = CompletableFuture.supplyAsync(() -> feed.body().toList()).get(30, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - opened)).as("open until it expired, and not much longer")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(15));
        assertThat(lines).contains("event: expired");
    }

    @Test
    void findsEventsByStreamCorrelationTypeAndPosition() throws Exception {
        String email = "browsed-" + UUID.randomUUID() + "@example.org";
        String correlationId = UUID.randomUUID().toString();
        HttpResponse<String> registered = send(postJson("/api/auth/registrations", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Browsed\"}")
                .header("X-Correlation-Id", correlationId));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String userId = TestServer.json(registered).getString("userId");

        List<JsonObject> account = events("stream=account-" + userId);
        assertThat(account).extracting(event -> event.getString("type")).startsWith("auth.UserRegistered");
        JsonObject first = account.get(0);
        assertThat(first.getJsonObject("payload").getString("email")).isEqualTo(email);
        assertThat(first.getBoolean("personalDataRedacted")).isFalse();

        assertThat(events("correlationId=" + correlationId)).extracting(event -> event.getString("streamId"))
                .as("the registration across modules").contains("account-" + userId, "profile-" + userId);
        long position = first.getJsonNumber("globalPosition").longValue();
        List<JsonObject> fromThere = events("type=auth.UserRegistered&fromPosition=" + position + "&limit=1");
        assertThat(fromThere).hasSize(1);
        assertThat(fromThere.get(0).getString("eventId")).isEqualTo(first.getString("eventId"));

        JsonObject stream = get("/admin/api/streams/account-" + userId);
        assertThat(stream.getJsonNumber("version").longValue()).isEqualTo(account.size());
        assertThat(send(request("/admin/api/streams/account-" + UUID.randomUUID())).statusCode()).isEqualTo(404);

        String bearer = "Bearer " + TestServer.json(TestServer.signIn(email, PASSWORD)).getString("accessToken");
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/me")).header("Authorization", bearer)
                .DELETE()).statusCode()).isEqualTo(202);
        JsonObject erased = events("stream=account-" + userId).get(0);
        assertThat(erased.getBoolean("personalDataRedacted")).isTrue();
        assertThat(erased.getJsonObject("payload").keySet()).as("unreadable once the key is shredded")
                .doesNotContain("email").contains("userId");
    }

    @Test
    void skipsEventsOfTypesThisDeploymentDoesNotKnow() throws Exception {
        // another deployment's event (the delivery tests' probes, say) shares the store
        long position;
        try (Connection db = TestServer.database(); Statement insert = db.createStatement();
             ResultSet inserted = insert.executeQuery("insert into event_infra.events (global_position,"
                     + " transaction_id, event_id, stream_id, stream_category, stream_version, event_type,"
                     + " event_version, occurred_at, payload, metadata) values"
                     + " (nextval('event_infra.global_position_seq'), pg_current_xact_id(), gen_random_uuid(),"
                     + " 'elsewhere-" + UUID.randomUUID() + "', 'elsewhere', 1, 'elsewhere.Unknown', 1, now(), '{}',"
                     + " '{}') returning global_position")) {
            inserted.next();
            position = inserted.getLong(1);
        }
        String userId = TestServer.register("after-" + UUID.randomUUID() + "@example.org", PASSWORD, "After");

        List<JsonObject> fromTheStranger = events("fromPosition=" + position + "&limit=500");

        assertThat(fromTheStranger).extracting(event -> event.getString("type")).doesNotContain("elsewhere.Unknown");
        assertThat(fromTheStranger).extracting(event -> event.getString("streamId")).contains("account-" + userId);
    }

    @Test
    void refusesStrangersAndMalformedParameters() throws Exception {
        String stranger = "Bearer " + TestTokens.tokenFor(UUID.randomUUID(), "stranger@example.org", "user");
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/admin/api/events"))).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/admin/api/events")).header("Authorization",
                stranger)).statusCode()).isEqualTo(403);
        for (String query : List.of("limit=0", "limit=501", "fromPosition=zero", "correlationId=not-a-uuid")) {
            HttpResponse<String> refused = send(request("/admin/api/events?" + query));
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    private List<JsonObject> events(String query) throws Exception {
        HttpResponse<String> found = send(request("/admin/api/events?" + query));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return TestServer.json("{\"events\":" + found.body() + "}").getJsonArray("events")
                .getValuesAs(JsonObject.class);
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> found = send(request(path));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return TestServer.json(found);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(TestServer.http(path)).header("Authorization", admin);
    }
}
