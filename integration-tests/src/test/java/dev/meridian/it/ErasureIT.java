package dev.meridian.it;

import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.execute;
import static dev.meridian.it.TestServer.postJson;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The GDPR erasure process end to end against the deployed EAR. After an erasure no column of any table in any
 * schema holds the person's address or names (not even the archive of their data export), the events are still
 * stored with every personal field unreadable, and the person can no longer sign in; a failing step leaves
 * everything as it was.
 */
@ExtendWith(ArquillianExtension.class)
class ErasureIT {

    private static final String PASSWORD = "a perfectly fine passphrase";

    /** The mails of the registrations and resets go somewhere real; fresh per test. */
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final String admin = TestTokens.administratorBearer();

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void erasesThePersonEverywhereAndLeavesTheirEventsUnreadable() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "grace-" + suffix + "@example.org";
        String firstName = "Grace Hopper " + suffix;
        String laterName = "Amazing Grace " + suffix;
        String userId = register(email, firstName);
        JsonObject session = TestServer.json(signIn(email));
        String bearer = "Bearer " + session.getString("accessToken");
        // 25 changes: the profile is snapshotted, so erasure has to reach the snapshot too
        for (int n = 24; n >= 0; n--) {
            String name = n == 0 ? laterName : laterName + " " + n;
            assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/me")).header("Authorization", bearer)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + name + "\"}")))
                    .statusCode()).isEqualTo(200);
        }
        assertThat(count("select count(*) from event_infra.snapshots where stream_id = 'profile-" + userId + "'"))
                .as("the profile's snapshot").isOne();
        assertThat(send(postJson("/api/auth/password-resets", "{\"email\":\"" + email + "\"}")).statusCode())
                .isEqualTo(202);
        DeliveryIT.eventually(() -> count("select count(*) from notification.deliveries where recipient = '"
                + email + "' and kind = 'PASSWORD_RESET'") == 1, "the reset mail queued");
        String exportId = TestServer.json(send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()))).getString("exportId");
        DeliveryIT.eventually(() -> count("select count(*) from users.data_exports where id = '" + exportId
                + "' and status = 'READY'") == 1, "an archive of the person's data ready");

        HttpResponse<String> erased = send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", bearer).DELETE());

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        String processId = TestServer.json(erased).getString("processId");
        DeliveryIT.eventually(() -> Processes.status(Processes.byId(processId)).equals("CLOSED"),
                "the erasure closed");
        assertThat(Processes.steps(Processes.byId(processId))).contains("user: profile frozen",
                "auth: account disabled, sessions revoked", "notification: mails held back", "user: completed",
                "user: key shredded", "auth: completed", "notification: completed");
        assertThat(signIn(email).statusCode()).isEqualTo(401);
        assertThat(send(postJson("/api/auth/sessions/refresh", "{\"refreshToken\":\""
                + session.getString("refreshToken") + "\"}")).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/me")).header("Authorization", bearer))
                .statusCode()).as("the profile is gone").isEqualTo(404);
        assertThat(TestServer.eventTypes("account-" + userId)).startsWith("auth.UserRegistered")
                .endsWith("auth.AccountDisabled", "auth.AccountErased");
        assertThat(TestServer.eventTypes("profile-" + userId)).startsWith("user.UserProfileCreated")
                .endsWith("user.UserErasureRequested", "user.UserErased");
        assertThat(count("select count(*) from event_infra.subject_keys where subject_id = '" + userId + "'"))
                .as("the person's key").isZero();
        assertNothingPersonalIsLeft(email, firstName, laterName);
        // loading the erased profile finds its snapshot unreadable and takes a new one from the events, which must
        // not make the person a new key
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/" + userId))
                .header("Authorization", admin)).statusCode()).isEqualTo(404);
        assertThat(count("select count(*) from event_infra.subject_keys where subject_id = '" + userId + "'"))
                .as("no key made again for the person").isZero();

        rebuild("analytics-signups");
        assertNothingPersonalIsLeft(email, firstName, laterName);

        HttpResponse<String> again = send(HttpRequest.newBuilder(TestServer.http("/api/users/" + userId))
                .header("Authorization", admin).DELETE());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(TestServer.json(again).getString("processId")).as("the same process").isEqualTo(processId);
        assertThat(TestServer.eventTypes("account-" + userId)).endsWith("auth.AccountDisabled", "auth.AccountErased");
    }

    @Test
    void aStepTooSlowCancelsTheErasureAndEverythingWorksAgain() throws Exception {
        // with the mail server down the welcome mail waits for its next try, so the erasure finds it queued
        MAIL.stop();
        String email = "lucky-" + UUID.randomUUID() + "@example.org";
        String userId = register(email, "Lucky Escape");
        String bearer = "Bearer " + TestServer.json(signIn(email)).getString("accessToken");
        // auth, the last step, commits only after the tests' step timeout (PT2S): the process is cancelled by then
        execute("""
                create function refuse_for_test() returns trigger language plpgsql as $$
                begin perform pg_sleep(4); return new; end $$;
                """);
        execute("create trigger refuse_for_test before insert on event_infra.events for each row"
                + " when (new.event_type = 'auth.AccountDisabled') execute function refuse_for_test()");
        HttpResponse<String> refused;
        try {
            refused = send(HttpRequest.newBuilder(TestServer.http("/api/users/me")).header("Authorization", bearer)
                    .DELETE());
        } finally {
            execute("drop trigger refuse_for_test on event_infra.events");
            execute("drop function refuse_for_test()");
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        DeliveryIT.eventually(() -> Processes.status(Processes.of("erasure", userId)).equals("CANCELLED")
                && TestServer.eventTypes("account-" + userId).contains("auth.AccountRestored"),
                "the erasure cancelled, and auth's late step undone");
        assertThat(Processes.steps(Processes.of("erasure", userId))).contains("notification: mails held back",
                "user: compensated", "notification: compensated", "auth: compensated");
        assertThat(count("select count(*) from notification.deliveries where user_id = '" + userId
                + "' and kind = 'WELCOME' and status <> 'HELD' and held_by_lra is null"))
                .as("the held-back welcome mail released").isOne();
        MAIL.start();
        DeliveryIT.eventually(() -> MAIL.getReceivedMessagesForDomain(email).length == 1, "the welcome mail sent");
        assertThat(signIn(email).statusCode()).as("the account works again").isEqualTo(200);
        HttpResponse<String> changed = send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Still Here\"}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(TestServer.json(changed).getString("email")).isEqualTo(email);
        assertThat(TestServer.eventTypes("account-" + userId)).containsSubsequence("auth.AccountDisabled",
                "auth.AccountRestored", "auth.UserLoggedIn");
        assertThat(TestServer.eventTypes("profile-" + userId)).containsSubsequence("user.UserErasureRequested",
                "user.UserErasureCancelled", "user.UserProfileUpdated");
        assertThat(count("select count(*) from event_infra.subject_keys where subject_id = '" + userId + "'"))
                .isOne();
    }

    @Test
    void erasingOneselfNeedsAPasswordSignInOfTheLastFewMinutes() throws Exception {
        String email = "hasty-" + UUID.randomUUID() + "@example.org";
        UUID userId = UUID.fromString(register(email, "Hasty"));

        for (String token : List.of(TestTokens.tokenFor(userId, email, "user"),
                TestTokens.tokenSignedInAt(userId, email, Instant.now().minusSeconds(6 * 60), "user"))) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                    .header("Authorization", "Bearer " + token).DELETE());

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(TestServer.json(refused).getString("type"))
                    .isEqualTo("https://meridian.dev/problems/reauthentication-required");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).contains("insufficient_user_authentication"));
        }
        assertThat(TestServer.eventTypes("profile-" + userId)).doesNotContain("user.UserErasureRequested");
        String recent = TestTokens.tokenSignedInAt(userId, email, Instant.now().minusSeconds(60), "user");
        HttpResponse<String> erased = send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", "Bearer " + recent).DELETE());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
    }

    @Test
    void letsOnlyAnAdministratorEraseSomeoneElse() throws Exception {
        String email = "someone-" + UUID.randomUUID() + "@example.org";
        String userId = register(email, "Someone Else");
        String stranger = "Bearer " + TestTokens.tokenFor(UUID.randomUUID(), "stranger@example.org", "user");

        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/" + userId)).DELETE()).statusCode())
                .isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/" + userId))
                .header("Authorization", stranger).DELETE()).statusCode()).isEqualTo(403);
        HttpResponse<String> notAnId = send(HttpRequest.newBuilder(TestServer.http("/api/users/not-a-uuid"))
                .header("Authorization", admin).DELETE());
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(notAnId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/" + UUID.randomUUID()))
                .header("Authorization", admin).DELETE()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/" + userId))
                .header("Authorization", admin)).statusCode()).isEqualTo(200);

        HttpResponse<String> erased = send(HttpRequest.newBuilder(TestServer.http("/api/users/" + userId))
                .header("Authorization", admin).DELETE());

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/" + userId))
                .header("Authorization", admin)).statusCode()).isEqualTo(404);
        assertThat(signIn(email).statusCode()).isEqualTo(401);
        assertThat(DatabaseScan.columnsContaining(email)).isEmpty();
    }

    @Test
    void leavesNoSessionAliveWhenSignInsRaceTheErasure() throws Exception {
        String email = "racing-" + UUID.randomUUID() + "@example.org";
        register(email, "Racing Along");
        String bearer = "Bearer " + TestServer.json(signIn(email)).getString("accessToken");
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<Optional<String>>> signIns = new ArrayList<>();
        HttpResponse<String> erased;
        try {
            Callable<Optional<String>> signInOnce = () -> {
                HttpResponse<String> answer = signIn(email);
                return answer.statusCode() == 200
                        ? Optional.of(TestServer.json(answer).getString("refreshToken")) : Optional.empty();
            };
            for (int i = 0; i < 6; i++) {
                signIns.add(clients.submit(signInOnce));
            }
            erased = send(HttpRequest.newBuilder(TestServer.http("/api/users/me")).header("Authorization", bearer)
                    .DELETE());
            for (Future<Optional<String>> signIn : signIns) {
                signIn.get();
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        for (Future<Optional<String>> signIn : signIns) {
            Optional<String> refreshToken = signIn.get();
            if (refreshToken.isPresent()) {
                assertThat(send(postJson("/api/auth/sessions/refresh", "{\"refreshToken\":\"" + refreshToken.get()
                        + "\"}")).statusCode()).as("a session opened during the erasure").isEqualTo(401);
            }
        }
        // the refused sign-ins of the race count against the account: refused either way, maybe rate limited
        assertThat(signIn(email).statusCode()).isIn(401, 429);
        assertThat(DatabaseScan.columnsContaining(email)).isEmpty();
    }

    private void assertNothingPersonalIsLeft(String... personalData) throws Exception {
        for (String value : personalData) {
            assertThat(DatabaseScan.columnsContaining(value)).as("the columns holding " + value).isEmpty();
        }
    }

    private void rebuild(String projection) throws Exception {
        HttpResponse<String> rebuild = send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/projections/" + projection + "/rebuild")).header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
        DeliveryIT.eventually(() -> TestServer.json(send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/projections/" + projection)).header("Authorization", admin)).body())
                .getString("state").equals("LIVE"), "the rebuild of " + projection + " finished");
    }

    private static String register(String email, String displayName) throws Exception {
        return TestServer.register(email, PASSWORD, displayName);
    }

    private static HttpResponse<String> signIn(String email) throws Exception {
        return TestServer.signIn(email, PASSWORD);
    }
}
