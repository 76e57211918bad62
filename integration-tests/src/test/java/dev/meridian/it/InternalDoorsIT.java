package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks on the internal doors, black-box through the public listener of a server that runs as if behind a
 * reverse proxy: proxy address forwarding is on (arquillian.xml), so {@code X-Forwarded-*} headers are believed.
 * The LRA coordinator and the participants answer only on the internal listener, whatever the client sends.
 */
@ExtendWith(ArquillianExtension.class)
class InternalDoorsIT {

    private static final String COORDINATOR = "/lra-coordinator/lra-coordinator";
    /** Everything a client could send to pass for the server itself or for the internal listener. */
    private static final List<String[]> IMPERSONATION = List.of(
            new String[] {"X-Forwarded-For", "127.0.0.1"},
            new String[] {"X-Forwarded-Host", "127.0.0.1:" + TestServer.property("meridian.test.internal.port")},
            new String[] {"X-Forwarded-Port", TestServer.property("meridian.test.internal.port")},
            new String[] {"X-Forwarded-Proto", "http"},
            new String[] {"Forwarded", "for=127.0.0.1;host=localhost"});

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void theCoordinatorIsNotThereOnThePublicListener() throws Exception {
        String attacker = "attack-" + UUID.randomUUID();
        for (HttpRequest.Builder attempt : List.of(
                publicRequest(COORDINATOR).GET(),
                publicRequest(COORDINATOR).header("Accept", "application/json").GET(),
                publicRequest(COORDINATOR + "/start?ClientID=" + attacker).POST(HttpRequest.BodyPublishers.noBody()),
                publicRequest("/lra-coordinator//lra-coordinator").GET(),
                publicRequest("/lra-coordinator/./lra-coordinator").GET())) {
            HttpRequest request = attempt.build();
            HttpResponse<String> answer = TestServer.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(request.method() + " " + request.uri()).isEqualTo(404);
            assertThat(answer.body()).as("nothing of the coordinator's").doesNotContain("lra-coordinator/0_");
        }

        // the coordinator lists its processes by client id: one started on the internal listener shows
        String server = "server-" + UUID.randomUUID();
        URI started = URI.create(TestServer.send(HttpRequest.newBuilder(internal(COORDINATOR + "/start?ClientID="
                + server + "&TimeLimit=60000")).POST(HttpRequest.BodyPublishers.noBody())).body().strip());
        try {
            HttpResponse<String> processes = TestServer.get(internal(COORDINATOR));
            assertThat(processes.statusCode()).as("the internal listener").isEqualTo(200);
            assertThat(processes.body()).contains(server).as("no process started by the attacker")
                    .doesNotContain(attacker);
        } finally {
            TestServer.send(HttpRequest.newBuilder(URI.create(started + "/cancel"))
                    .PUT(HttpRequest.BodyPublishers.noBody()));
        }
    }

    @Test
    void nobodyEndsAnotherPersonsProcessThroughThePublicListener() throws Exception {
        // a process of someone else's, started where the server starts them: on the internal listener
        HttpResponse<String> started = TestServer.send(HttpRequest.newBuilder(internal(COORDINATOR
                + "/start?ClientID=someone-elses&TimeLimit=300000")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        URI lra = URI.create(started.body().strip());
        String onThePublicListener = TestServer.http(lra.getRawPath()).toString();
        try {
            for (String how : List.of("/cancel", "/close")) {
                HttpResponse<String> ended = TestServer.send(impersonating(HttpRequest.newBuilder(
                        URI.create(onThePublicListener + how))).PUT(HttpRequest.BodyPublishers.noBody()));
                assertThat(ended.statusCode()).as(how).isEqualTo(404);
            }

            assertThat(TestServer.get(URI.create(lra + "/status")).body()).as("at the coordinator").isEqualTo("Active");
        } finally {
            TestServer.send(HttpRequest.newBuilder(URI.create(lra + "/cancel")).PUT(HttpRequest.BodyPublishers
                    .noBody()));
        }
    }

    @Test
    void noHeaderMakesAParticipantAnswerOnThePublicListener() throws Exception {
        String email = "erasable-" + UUID.randomUUID() + "@example.org";
        String userId = TestServer.register(email, "a long passphrase of mine", "Erasable");
        String erasure = "{\"userId\":\"" + userId + "\"}";

        List<String[]> headers = new ArrayList<>(IMPERSONATION);
        headers.add(new String[] {"Host", "localhost:" + TestServer.property("meridian.test.internal.port")});
        headers.add(new String[] {"Content-Type", "application/json"});
        headers.add(new String[] {"Long-Running-Action", internal(COORDINATOR + "/0_ffff7f000001_forged").toString()});
        for (String path : List.of("/api/auth/participants/erasure", "/api/auth//participants/erasure",
                "/api/auth/./participants/erasure", "/api/auth/%70articipants/erasure",
                "/api/auth/participants/erasure/complete", "/api/users/participants/erasure")) {
            for (String from : List.of("127.0.0.1", RawHttp.OTHER_CLIENT)) {
                assertThat(RawHttp.send(from, "PUT", TestServer.http(path), headers, erasure))
                        .as(path + " from " + from).isEqualTo(404);
            }
        }

        assertThat(accountStatus(userId)).isEqualTo("ACTIVE");
        assertThat(TestServer.eventTypes("account-" + userId)).doesNotContain("auth.AccountDisabled");
    }

    @Test
    void thePublicListenerBelievesTheProxysForwardedAddress() throws Exception {
        // shows that forwarding is on in this run (the attacks above are made with it), by the sign-in limit per
        // account and client address, which must then follow X-Forwarded-For
        String email = "forwarded-" + UUID.randomUUID() + "@example.org";
        TestServer.register(email, "a long passphrase of mine", "Forwarded");
        for (int guess = 1; guess <= 5; guess++) {
            assertThat(signInFrom("198.51.100.1", email).statusCode()).as("guess " + guess).isEqualTo(401);
        }

        assertThat(signInFrom("198.51.100.1", email).statusCode()).isEqualTo(429);
        assertThat(signInFrom("198.51.100.2", email).statusCode()).as("another client").isEqualTo(401);
    }

    private static HttpResponse<String> signInFrom(String forwardedFor, String email) throws Exception {
        return TestServer.send(TestServer.postJson("/api/auth/sessions", "{\"email\":\"" + email
                + "\",\"password\":\"wrong guess\"}").header("X-Forwarded-For", forwardedFor));
    }

    private static HttpRequest.Builder publicRequest(String path) {
        return impersonating(HttpRequest.newBuilder(TestServer.http(path)));
    }

    private static HttpRequest.Builder impersonating(HttpRequest.Builder request) {
        IMPERSONATION.forEach(header -> request.header(header[0], header[1]));
        return request.timeout(Duration.ofSeconds(30));
    }

    private static URI internal(String path) {
        return URI.create("http://127.0.0.1:" + TestServer.property("meridian.test.internal.port") + path);
    }

    private static String accountStatus(String userId) throws Exception {
        return TestServer.json(TestServer.send(HttpRequest.newBuilder(TestServer.http("/api/auth/accounts/" + userId))
                .header("Authorization", TestTokens.administratorBearer()))).getString("status");
    }
}
