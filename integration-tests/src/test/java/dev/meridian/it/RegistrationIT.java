package dev.meridian.it;

import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.execute;
import static dev.meridian.it.TestServer.postJson;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
 * The registration process end to end against the deployed EAR: the happy path across auth, user, analytics and
 * notification (the welcome mail received by a real SMTP server), and each step failing in turn. Failures are
 * made in the real database (a trigger that refuses or stalls a module's write), so the modules fail exactly as
 * they would in production; each test removes its trigger.
 */
@ExtendWith(ArquillianExtension.class)
class RegistrationIT {

    private static final String PASSWORD = "a perfectly fine passphrase";

    /** A real SMTP server where the server's mail goes (meridian.smtp.port in arquillian.xml); fresh per test. */
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final String admin = TestTokens.tokenFor(UUID.randomUUID(), "ops@meridian.dev", "user", "admin");

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void registersSignsInShowsTheProfileAndCountsTheSignUp() throws Exception {
        String email = "ada-" + UUID.randomUUID() + "@example.org";
        long signUpsBefore = signUpsToday();

        String correlationId = UUID.randomUUID().toString();
        HttpResponse<String> registered = send(postJson("/api/auth/registrations", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Ada Lovelace\"}")
                .header("Accept-Language", "de-CH, en;q=0.5").header("X-Correlation-Id", correlationId));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(registered.headers().firstValue("X-Correlation-Id")).hasValue(correlationId);
        JsonObject answer = TestServer.json(registered);
        assertThat(answer.getString("status")).isEqualTo("ACTIVE");
        String userId = answer.getString("userId");
        assertThat(registered.headers().firstValue("Location").orElseThrow())
                .isEqualTo(TestServer.http("/api/auth/accounts/" + userId).toString());

        HttpResponse<String> signedIn = send(postJson("/api/auth/sessions",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String bearer = "Bearer " + TestServer.json(signedIn).getString("accessToken");
        HttpResponse<String> me = send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", bearer));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonObject profile = TestServer.json(me);
        assertThat(profile.getString("userId")).isEqualTo(userId);
        assertThat(profile.getString("email")).isEqualTo(email);
        assertThat(profile.getString("displayName")).isEqualTo("Ada Lovelace");
        assertThat(profile.getString("locale")).isEqualTo("de");
        assertThat(profile.getBoolean("emailVerified")).isFalse();

        MimeMessage welcome = welcomeMailTo(email);
        assertThat(welcome.getSubject()).isEqualTo("Willkommen bei Meridian, Ada Lovelace");
        assertThat(GreenMailUtil.getBody(welcome)).contains("Hallo Ada Lovelace,");
        // the server records the delivery once the SMTP server accepted it, so a moment after it arrived
        DeliveryIT.eventually(() -> count("select count(*) from notification.deliveries where user_id = '" + userId
                + "' and status = 'SENT' and kind = 'WELCOME' and attempts = 1") == 1, "the delivery recorded");
        JsonObject notifications = TestServer.json(send(HttpRequest.newBuilder(
                TestServer.http("/api/notifications/me")).header("Authorization", bearer)));
        assertThat(notifications.getInt("total")).isOne();
        assertThat(notifications.getJsonArray("items").getJsonObject(0).getString("kind")).isEqualTo("WELCOME");
        assertThat(notifications.getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("SENT");
        assertThat(count("select count(*) from event_infra.events where event_type = 'notification.NotificationSent'"
                + " and payload ->> 'userId' = '" + userId + "'")).isOne();

        assertThat(signUpsToday()).isEqualTo(signUpsBefore + 1);
        assertThat(TestServer.eventTypes("account-" + userId)).containsExactly("auth.UserRegistered", "auth.AccountActivated",
                "auth.UserLoggedIn");
        assertThat(TestServer.eventTypes("profile-" + userId)).containsExactly("user.UserProfileCreated");
        assertThat(count("select count(*) from event_infra.events where correlation_id = '" + correlationId
                + "' and event_type in ('auth.UserRegistered', 'user.UserProfileCreated')"))
                .as("the request's events, across modules, carry its correlation id").isEqualTo(2);
        String metrics = TestServer.get(TestServer.management("/prometheus")).body();
        assertThat(metrics.lines().filter(line -> line.startsWith("meridian_registration_step_seconds_count{")
                && line.contains("step=\"close\""))).as("the steps are timed").isNotEmpty();
        assertThat(metrics.lines().filter(line -> line.startsWith("meridian_registrations_total{")
                && line.contains("outcome=\"closed\""))).as("the outcome is counted").isNotEmpty();
        HttpResponse<String> othersNotifications = send(HttpRequest.newBuilder(TestServer.http(
                "/api/notifications?userId=" + userId)).header("Authorization", "Bearer " + admin));
        assertThat(TestServer.json(othersNotifications).getInt("total")).as("an administrator sees them").isOne();
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/notifications?userId=" + userId))
                .header("Authorization", bearer)).statusCode()).as("the owner uses /me").isEqualTo(403);
        JsonObject process = Processes.of("registration", userId);
        assertThat(process.getJsonObject("process").getString("status")).isEqualTo("CLOSED");
        assertThat(Processes.steps(process)).contains("auth: account created, pending", "user: profile created",
                "analytics: sign-up pending", "notification: welcome mail held", "auth: completed", "user: completed",
                "analytics: completed", "notification: completed");
        assertThat(count("select count(*) from analytics.pending_signups where user_id = '" + userId + "'"))
                .isZero();
    }

    @Test
    void cancelsEverythingWhenTheProfileCannotBeCreated() throws Exception {
        assertNeverRegisteredWhenFailing("""
                create function refuse_for_test() returns trigger language plpgsql as $$
                begin raise exception 'profiles are refused for this test'; end $$;
                """,
                "create trigger refuse_for_test before insert on event_infra.events for each row"
                        + " when (new.event_type = 'user.UserProfileCreated') execute function refuse_for_test()",
                "event_infra.events", false);
    }

    @Test
    void cancelsEverythingWhenAnalyticsCannotTakeItsStep() throws Exception {
        assertNeverRegisteredWhenFailing("""
                create function refuse_for_test() returns trigger language plpgsql as $$
                begin raise exception 'sign-ups are refused for this test'; end $$;
                """,
                "create trigger refuse_for_test before insert on analytics.pending_signups for each row"
                        + " execute function refuse_for_test()",
                "analytics.pending_signups", true);
    }

    @Test
    void cancelsEverythingWhenAParticipantTakesTooLong() throws Exception {
        // longer than the tests' step timeout (meridian.process.step-timeout=PT2S in arquillian.xml)
        assertNeverRegisteredWhenFailing("""
                create function refuse_for_test() returns trigger language plpgsql as $$
                begin perform pg_sleep(4); return new; end $$;
                """,
                "create trigger refuse_for_test before insert on analytics.pending_signups for each row"
                        + " execute function refuse_for_test()",
                "analytics.pending_signups", true);
    }

    @Test
    void rebuildsTheSignUpCountsFromTheStoreToTheSameNumbers() throws Exception {
        assertThat(register("rebuilt-" + UUID.randomUUID() + "@example.org", PASSWORD, "Counted", null)
                .statusCode()).isEqualTo(201);
        long live = signUpsToday();

        HttpResponse<String> rebuild = send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/projections/analytics-signups/rebuild")).header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
        DeliveryIT.eventually(() -> TestServer.json(send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/projections/analytics-signups")).header("Authorization", "Bearer " + admin)).body())
                .getString("state").equals("LIVE"), "the rebuild finished");

        assertThat(live).isPositive();
        assertThat(signUpsToday()).isEqualTo(live);
    }

    @Test
    void registersWhileTheMailServerIsDownAndSendsTheWelcomeMailOnceItIsBack() throws Exception {
        String email = "patient-" + UUID.randomUUID() + "@example.org";
        MAIL.stop();

        HttpResponse<String> registered = register(email, PASSWORD, "Patient", null);

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String userId = TestServer.json(registered).getString("userId");
        String delivery = "select count(*) from notification.deliveries where user_id = '" + userId + "'";
        DeliveryIT.eventually(() -> count(delivery + " and status = 'QUEUED' and attempts >= 1"
                + " and last_error is not null") == 1, "the first try failed and another is planned");

        MAIL.start();
        MimeMessage welcome = welcomeMailTo(email);

        assertThat(welcome.getSubject()).isEqualTo("Welcome to Meridian, Patient");
        DeliveryIT.eventually(() -> count(delivery + " and status = 'SENT' and attempts >= 2") == 1,
                "the delivery recorded after its retry");
        String metrics = TestServer.get(TestServer.management("/prometheus")).body();
        assertThat(metrics.lines().filter(line -> line.startsWith("meridian_mail_deliveries_total{")
                && line.contains("kind=\"WELCOME\"") && line.contains("outcome=\"retried\"")))
                .as("the failed try is counted").isNotEmpty();
    }

    @Test
    void letsExactlyOneOfConcurrentRegistrationsOfOneAddressSucceed() throws Exception {
        String email = "twin-" + UUID.randomUUID() + "@example.org";
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> attempt = () -> register(email, PASSWORD, "Twin", null).statusCode();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : clients.invokeAll(List.of(attempt, attempt, attempt, attempt))) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        } finally {
            clients.shutdownNow();
        }
        assertThat(count("select count(*) from auth.account_emails where email = '" + email + "'")).isOne();
    }

    @Test
    void answersBadQueriesOfTheProcessesAndSignUpsWithAProblem() throws Exception {
        for (String path : new String[] {"/admin/api/processes?status=DONE", "/admin/api/processes?size=0",
                "/admin/api/processes/not-a-uuid", "/api/analytics/signups?from=yesterday",
                "/api/analytics/signups?from=2026-02-01&to=2026-01-01", "/api/analytics/signups?from=2020-01-01"}) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(TestServer.http(path))
                    .header("Authorization", "Bearer " + admin));
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/admin/api/processes/" + UUID.randomUUID()))
                .header("Authorization", "Bearer " + admin)).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/analytics/signups")).header("Authorization",
                "Bearer " + TestTokens.tokenFor(UUID.randomUUID(), "x@example.org", "user"))).statusCode())
                .as("not an administrator").isEqualTo(403);
    }

    @Test
    void refusesBadInputWithAProblemAndStoresNothing() throws Exception {
        // earlier tests' mails may still be going out meanwhile: only what a registration writes is counted
        String registrationEvents = "select count(*) from event_infra.events where event_type like 'auth.%'"
                + " or event_type like 'user.%'";
        long events = count(registrationEvents);
        long addresses = count("select count(*) from auth.account_emails");
        long processes = count("select count(*) from event_infra.processes");
        String[][] cases = {
                {"{\"email\":\"not an address\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"X\"}", "email"},
                {"{\"email\":\"weak@example.org\",\"password\":\"short\",\"displayName\":\"X\"}", "password"},
                {"{\"password\":\"" + PASSWORD + "\",\"displayName\":\"X\"}", "email"},
                {"{\"email\":\"x@example.org\",\"password\":\"" + PASSWORD + "\"}", "displayName"},
                {"{\"email\":\"x@example.org\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"A\\nB\"}",
                        "displayName"}};
        for (String[] invalid : cases) {
            HttpResponse<String> refused = send(postJson("/api/auth/registrations", invalid[0]));
            assertThat(refused.statusCode()).as(invalid[1]).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(TestServer.json(refused).getJsonArray("violations").getJsonObject(0).getString("field"))
                    .isEqualTo(invalid[1]);
        }
        HttpResponse<String> huge = send(postJson("/api/auth/registrations", "{\"email\":\"huge@example.org\","
                + "\"password\":\"" + "p".repeat(1_000_000) + "\",\"displayName\":\"X\"}"));
        assertThat(huge.statusCode()).as("a body beyond what an anonymous caller may send").isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> unknownField = send(postJson("/api/auth/registrations", "{\"email\":\"x@example.org\","
                + "\"password\":\"" + PASSWORD + "\",\"displayName\":\"X\",\"role\":\"admin\"}"));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = send(HttpRequest.newBuilder(TestServer.http("/api/auth/registrations"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x@example.org")));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertThat(count(registrationEvents)).isEqualTo(events);
        assertThat(count("select count(*) from auth.account_emails")).isEqualTo(addresses);
        assertThat(count("select count(*) from event_infra.processes")).isEqualTo(processes);
    }

    /**
     * Registers while {@code trigger} makes one step fail, then checks that the state is exactly "never
     * registered" in every module, and that the address can be registered once the trigger is gone.
     */
    private void assertNeverRegisteredWhenFailing(String function, String trigger, String table,
                                                  boolean profileCreated) throws Exception {
        String email = "unlucky-" + UUID.randomUUID() + "@example.org";
        long signUpsBefore = signUpsToday();
        execute(function);
        execute(trigger);
        HttpResponse<String> refused;
        try {
            refused = register(email, PASSWORD, "Unlucky", null);
        } finally {
            execute("drop trigger refuse_for_test on " + table);
            execute("drop function refuse_for_test()");
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject process = TestServer.json(send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/processes?type=registration&status=CANCELLED&size=1")).header("Authorization",
                "Bearer " + admin))).getJsonArray("items").getJsonObject(0);
        String userId = process.getString("subjectId");
        List<String> profileEvents = profileCreated
                ? List.of("user.UserProfileCreated", "user.UserProfileDiscarded") : List.of();
        // a stalled step commits late and is compensated then: wait for that
        DeliveryIT.eventually(() -> count("select count(*) from analytics.pending_signups where user_id = '"
                + userId + "'") == 0 && TestServer.eventTypes("profile-" + userId).equals(profileEvents),
                "every step of " + userId + " compensated");
        assertThat(TestServer.eventTypes("account-" + userId)).containsExactly("auth.UserRegistered",
                "auth.RegistrationCancelled");
        assertThat(count("select count(*) from auth.account_emails where email = '" + email + "'")).isZero();
        assertThat(count("select count(*) from auth.credentials where user_id = '" + userId + "'")).isZero();
        assertThat(count("select count(*) from notification.deliveries where user_id = '" + userId
                + "' and status <> 'CANCELLED'")).as("no welcome mail for a cancelled registration").isZero();
        assertThat(MAIL.getReceivedMessagesForDomain(email)).isEmpty();
        assertThat(signUpsToday()).isEqualTo(signUpsBefore);
        assertThat(Processes.steps(Processes.byId(process.getString("id")))).contains("auth: compensated",
                "user: " + (profileCreated ? "compensated" : "cancelled before its step"), "auth: failed");

        HttpResponse<String> again = register(email, PASSWORD, "Lucky", null);
        assertThat(again.statusCode()).as("the address is free again: " + again.body()).isEqualTo(201);
    }

    /** The one mail the SMTP server received for {@code email}, waiting for it as long as delivery may take. */
    private static MimeMessage welcomeMailTo(String email) throws Exception {
        DeliveryIT.eventually(() -> MAIL.getReceivedMessagesForDomain(email).length > 0, "a mail to " + email);
        MimeMessage[] received = MAIL.getReceivedMessagesForDomain(email);
        assertThat(received).hasSize(1);
        return received[0];
    }

    private HttpResponse<String> register(String email, String password, String displayName, String languages)
            throws Exception {
        HttpRequest.Builder request = postJson("/api/auth/registrations", "{\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"displayName\":\"" + displayName + "\"}");
        if (languages != null) {
            request.header("Accept-Language", languages);
        }
        return send(request);
    }

    /** Today's sign-ups once the sign-ups projection has caught up with the store. */
    private long signUpsToday() throws Exception {
        DeliveryIT.eventually(() -> TestServer.json(send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/projections/analytics-signups")).header("Authorization", "Bearer " + admin)).body())
                .getJsonNumber("lag").longValue() == 0, "the sign-ups projection caught up");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        HttpResponse<String> days = send(HttpRequest.newBuilder(TestServer.http("/api/analytics/signups?from="
                + today + "&to=" + today)).header("Authorization", "Bearer " + admin));
        assertThat(days.statusCode()).as(days.body()).isEqualTo(200);
        return TestServer.json("{\"days\":" + days.body() + "}").getJsonArray("days").stream()
                .mapToLong(day -> day.asJsonObject().getJsonNumber("count").longValue()).sum();
    }
}
