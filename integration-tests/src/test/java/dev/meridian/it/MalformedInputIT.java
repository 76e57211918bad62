package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The malformed requests that once reached a 500, or were taken, answered as API.md says: 400 problem+json naming
 * the field, no Java class in the answer, a correlation id on it, and nothing stored.
 */
@ExtendWith(ArquillianExtension.class)
class MalformedInputIT {

    private static final String ADMIN = TestTokens.administratorBearer();

    private String person;
    private String userId;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @BeforeEach
    void signIn() throws Exception {
        String email = "malformed-" + UUID.randomUUID() + "@example.org";
        userId = TestServer.register(email, "a long passphrase of mine", "Mal Formed");
        person = "Bearer " + TestServer.json(TestServer.signIn(email, "a long passphrase of mine"))
                .getString("accessToken");
    }

    @Test
    void refusesTimesDatesAndTextsNoDatabaseCouldTake() throws Exception {
        for (String[] query : List.of(
                new String[] {"/admin/api/dead-letters?from=-1000000000-01-01T00:00:00Z", "from"},
                new String[] {"/admin/api/dead-letters?to=%2B999999999-12-31T00:00:00Z", "to"},
                new String[] {"/admin/api/dead-letters/count?from=-1000000000-01-01T00:00:00Z", "from"},
                new String[] {"/admin/api/events?stream=%00", "stream"},
                new String[] {"/admin/api/events?type=a%00b", "type"},
                new String[] {"/admin/api/dead-letters?q=abc%00def", "q"},
                new String[] {"/admin/api/streams/%2E%2E%00", "streamId"},
                new String[] {"/api/analytics/signups?to=%2B999999999-12-31", "to"},
                new String[] {"/api/analytics/logins?from=-999999999-01-01", "from"})) {
            HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(TestServer.http(query[0]))
                    .header("Authorization", ADMIN).GET());
            assertRefused(answer, query[0], query[1]);
        }
    }

    @Test
    void refusesBodiesOfTheWrongShapeAndStoresNothing() throws Exception {
        List<String> before = TestServer.eventTypes("profile-" + userId);
        for (String[] body : List.of(
                new String[] {"PUT", "/api/users/me/preferences", "[\"a\"]", "body"},
                new String[] {"PUT", "/api/users/me/preferences", "[]", "body"},
                new String[] {"PUT", "/api/users/me/preferences", "{\"theme\":\"da\\u0000rk\"}", "body"},
                new String[] {"PATCH", "/api/users/me", "{\"displayName\":true}", "displayName"},
                new String[] {"PATCH", "/api/users/me", "{\"displayName\":12}", "displayName"},
                new String[] {"PATCH", "/api/users/me", "{\"displayName\":\"Ada\"} {\"locale\":\"en\"}", "body"},
                new String[] {"PATCH", "/api/users/me", "{\"displayName\":\"Ada\"} trailing", "body"},
                new String[] {"PATCH", "/api/users/me", "[".repeat(5_000) + "]".repeat(5_000), "body"})) {
            HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(TestServer.http(body[1]))
                    .header("Authorization", person).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).method(body[0], HttpRequest.BodyPublishers.ofString(body[2])));
            assertRefused(answer, body[0] + " " + body[1] + " " + body[2].substring(0, Math.min(40,
                    body[2].length())), body[3]);
        }
        assertThat(TestServer.eventTypes("profile-" + userId)).as("the profile's events").isEqualTo(before);
    }

    @Test
    void refusesSignInBodiesWithSomethingAfterTheDocumentOrOfAnotherType() throws Exception {
        for (String body : List.of("{\"email\":\"a@example.org\",\"password\":\"x\"} {}",
                "{\"email\":true,\"password\":\"x\"}", "{\"email\":\"a@example.org\",\"password\":123456}")) {
            HttpResponse<String> answer = TestServer.send(TestServer.postJson("/api/auth/sessions", body));
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]");
        }
        HttpResponse<String> shouted = TestServer.send(TestServer.postJson("/api/auth/sessions", "{\"email\":"
                + "\"a@example.org\",\"password\":\"" + "x".repeat(8_000) + "\"}")
                .setHeader("Content-Type", "APPLICATION/JSON"));
        assertThat(shouted.statusCode()).as("a media type in capitals is the same media type").isEqualTo(413);
        HttpResponse<String> latin1 = TestServer.send(TestServer.postJson("/api/auth/sessions", "{\"email\":"
                + "\"a@example.org\",\"password\":\"x\"}")
                .setHeader("Content-Type", "application/json;charset=ISO-8859-1"));
        assertThat(latin1.statusCode()).as("JSON in another charset than UTF-8").isEqualTo(415);
        String huge = "{\"email\":\"a@example.org\",\"password\":\"" + "x".repeat(8_000) + "\"}";
        HttpResponse<String> tooLarge = TestServer.send(TestServer.postJson("/api/auth/sessions", huge));
        assertThat(tooLarge.statusCode()).as("a body beyond the anonymous limit").isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void retriesNoDeadLetterForAMissingOrUnreadableFilter() throws Exception {
        for (String body : List.of("", "null", "junk", "[]", "{\"consumer\":1}")) {
            HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(
                    TestServer.http("/admin/api/dead-letters/retry")).header("Authorization", ADMIN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(answer.statusCode()).as("'" + body + "'").isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void pathsUnderNoModuleAndFilesTheConsoleDoesNotHaveAreProblemsToo() throws Exception {
        for (String path : List.of("/", "/nope", "/api/nope", "/api/auth-x/sessions", "/admin/nope.html",
                "/admin/api/nope", "/api/users/%2E%2E", "/api/users/x/%2e%2e/me")) {
            HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(TestServer.http(path)).GET());
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(404);
            HttpResponse<String> withToken = TestServer.send(HttpRequest.newBuilder(TestServer.http(path))
                    .header("Authorization", ADMIN).GET());
            assertThat(withToken.statusCode()).as(path + " with a token: " + withToken.body()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(answer.headers().firstValue("X-Correlation-Id")).as(path).isPresent();
            assertThat(TestServer.json(answer).getInt("status")).as(path).isEqualTo(404);
        }
    }

    private static void assertRefused(HttpResponse<String> answer, String what, String field) {
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("X-Correlation-Id")).as(what).isPresent();
        assertThat(TestServer.json(answer).getJsonArray("violations").getJsonObject(0).getString("field"))
                .as(what).isEqualTo(field);
        assertThat(answer.body()).as(what + ": no Java class named").doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]");
    }
}
