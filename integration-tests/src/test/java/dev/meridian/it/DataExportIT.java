package dev.meridian.it;

import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.execute;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The GDPR data export end to end against the deployed EAR: every module answers over the broker, the archive holds
 * every module's data and the person's events readable, only its owner gets it, it is mailed, it fails visibly when
 * a module does not answer, and it is deleted when its time is up. The tests' deadline is 8 s, their lifetime 15 s.
 */
@ExtendWith(ArquillianExtension.class)
class DataExportIT {

    private static final String PASSWORD = "a perfectly fine passphrase";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final Mailbox MAILBOX = new Mailbox(MAIL);

    private final String admin = TestTokens.administratorBearer();

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void exportsEveryModulesDataAndThePersonsEventsToThePersonAlone() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String email = "ada-" + suffix + "@example.org";
        String laterName = "Countess Lovelace " + suffix;
        String userId = register(email, "Ada " + suffix);
        String bearer = bearerOf(email);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/me")).header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + laterName + "\"}")))
                .statusCode()).isEqualTo(200);
        DeliveryIT.eventually(() -> count("select count(*) from notification.deliveries where user_id = '" + userId
                + "' and status = 'SENT'") == 1, "the welcome mail sent");
        DeliveryIT.eventually(() -> count("select count(*) from analytics.last_sign_in where user_id = '" + userId
                + "'") == 1, "the sign-in counted");

        HttpResponse<String> requested = send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        JsonObject pending = TestServer.json(requested);
        String exportId = pending.getString("exportId");
        assertThat(pending.getString("status")).isEqualTo("PENDING");
        assertThat(requested.headers().firstValue("Location"))
                .hasValue(TestServer.http("/api/users/me/data-exports/" + exportId).toString());
        JsonObject ready = eventuallyIn(bearer, exportId, "READY");
        String downloadUrl = "https://meridian.test/api/users/me/data-exports/" + exportId + "/archive";
        assertThat(ready.getString("downloadUrl")).isEqualTo(downloadUrl);
        assertThat(Instant.parse(ready.getString("expiresAt"))).isAfter(Instant.now());

        HttpResponse<String> download = archive(bearer, exportId);
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"meridian-data-export-" + exportId + ".json\"");
        JsonObject archive = TestServer.json(download);
        assertThat(archive.getString("userId")).isEqualTo(userId);
        JsonObject sections = archive.getJsonObject("sections");
        assertThat(sections.keySet()).containsExactlyInAnyOrder("user", "auth", "notification", "analytics");
        assertThat(sections.getJsonObject("user").getString("email")).isEqualTo(email);
        assertThat(sections.getJsonObject("user").getString("displayName")).isEqualTo(laterName);
        JsonObject auth = sections.getJsonObject("auth");
        assertThat(auth.getJsonObject("account").getString("email")).isEqualTo(email);
        assertThat(auth.getJsonObject("account").getString("status")).isEqualTo("ACTIVE");
        assertThat(auth.getJsonArray("sessions")).hasSize(1);
        JsonObject session = auth.getJsonArray("sessions").getJsonObject(0);
        assertThat(session.getString("clientAddress")).as("where the session began").isNotBlank();
        assertThat(session.getString("userAgent")).as("the client that began it").isNotBlank();
        assertThat(auth.getJsonArray("refreshTokens").getJsonObject(0).getString("sessionId"))
                .isEqualTo(session.getString("sessionId"));
        JsonObject welcome = sections.getJsonObject("notification").getJsonArray("notifications").getJsonObject(0);
        assertThat(welcome.getString("kind")).isEqualTo("WELCOME");
        assertThat(welcome.getString("recipient")).isEqualTo(email);
        assertThat(welcome.getString("status")).isEqualTo("SENT");
        assertThat(sections.getJsonObject("analytics").getString("counts")).contains("without user ids");
        assertThat(sections.getJsonObject("analytics").getString("lastSignInAt")).isNotBlank();
        assertThat(download.body()).as("no secret of the account").doesNotContain("password_hash", "passwordHash",
                "tokenHash", "token_hash");
        List<JsonObject> events = archive.getJsonArray("events").getValuesAs(JsonObject.class);
        assertThat(events).extracting(event -> event.getString("type")).contains("auth.UserRegistered",
                "auth.AccountActivated", "auth.UserLoggedIn", "user.UserProfileCreated", "user.UserProfileUpdated",
                "notification.NotificationSent");
        assertThat(events).extracting(event -> event.getJsonNumber("globalPosition").longValue()).isSorted();
        JsonObject created = events.stream().filter(event -> event.getString("type").equals("user.UserProfileCreated"))
                .findFirst().orElseThrow();
        assertThat(created.getString("module")).isEqualTo("user");
        assertThat(created.getJsonObject("payload").getString("email")).as("personal data readable").isEqualTo(email);

        String mail = Mailbox.textOf(MAILBOX.mailTo(email, "Your Meridian data export is ready"));
        assertThat(mail).contains(downloadUrl);
        assertThat(TestServer.eventTypes("dataexport-" + exportId)).containsExactly("user.UserDataExportRequested",
                "user.UserDataExportCompleted");
        for (String module : List.of("auth", "notification", "analytics")) {
            assertThat(TestServer.eventTypes(module + "reply-" + exportId)).as(module + "'s answer").hasSize(1);
        }
        assertThat(count("select count(distinct correlation_id) from event_infra.events where stream_id like '%-"
                + exportId + "'")).as("the whole export in one correlation").isOne();
        assertThat(count("select count(*) from event_infra.private_replies where request_id = '" + exportId
                + "'")).as("the sections, once assembled").isZero();
        assertThat(count("select count(*) from event_infra.events where stream_id like '%-" + exportId
                + "' and payload::text like '%" + email + "%'")).as("nothing personal in the export's events")
                .isZero();
    }

    @Test
    void showsAnExportToItsOwnerOnly() throws Exception {
        String owner = bearerOf(registered("owner"));
        String exportId = TestServer.json(send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                .header("Authorization", owner).POST(HttpRequest.BodyPublishers.noBody()))).getString("exportId");
        eventuallyIn(owner, exportId, "READY");
        String other = bearerOf(registered("other"));

        assertThat(status(other, exportId).statusCode()).isEqualTo(404);
        assertThat(archive(other, exportId).statusCode()).isEqualTo(404);
        assertThat(archive(admin, exportId).statusCode()).as("not even an administrator").isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports/" + exportId)))
                .statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);
        HttpResponse<String> notAnId = status(owner, "not-a-uuid");
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(notAnId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(status(owner, UUID.randomUUID().toString()).statusCode()).isEqualTo(404);
        assertThat(archive(owner, exportId).statusCode()).isEqualTo(200);
    }

    @Test
    void failsVisiblyWhenAModuleDoesNotAnswerInTime() throws Exception {
        String bearer = bearerOf(registered("unanswered"));
        // analytics cannot store its answer: its handler fails until the delivery parks the request
        execute("""
                create function refuse_analytics_answer() returns trigger language plpgsql as $$
                begin raise exception 'analytics answers nothing in this test'; end $$;
                """);
        execute("create trigger refuse_analytics_answer before insert on event_infra.events for each row"
                + " when (new.event_type = 'analytics.AnalyticsDataExported')"
                + " execute function refuse_analytics_answer()");
        String exportId;
        try {
            exportId = TestServer.json(send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                    .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()))).getString("exportId");
            HttpResponse<String> again = send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                    .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(TestServer.json(again).getString("exportId")).as("the pending one").isEqualTo(exportId);
            assertThat(archive(bearer, exportId).statusCode()).as("pending").isEqualTo(409);

            JsonObject failed = eventuallyIn(bearer, exportId, "FAILED");

            assertThat(failed.getJsonArray("missing").getValuesAs(JsonValue::toString))
                    .containsExactly("\"analytics\"");
            assertThat(failed.containsKey("downloadUrl")).isFalse();
        } finally {
            execute("drop trigger refuse_analytics_answer on event_infra.events");
            execute("drop function refuse_analytics_answer()");
        }
        HttpResponse<String> refused = archive(bearer, exportId);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(TestServer.eventTypes("dataexport-" + exportId)).containsExactly("user.UserDataExportRequested",
                "user.UserDataExportFailed");
        assertThat(count("select count(*) from event_infra.private_replies where request_id = '" + exportId
                + "'")).as("the answers that came, dropped").isZero();
        String deadLetter = TestServer.json(send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/dead-letters?consumer=analytics&eventType=user.UserDataExportRequested&status=PARKED&q="
                        + exportId)).header("Authorization", admin))).getJsonArray("items").getJsonObject(0)
                .getString("id");

        HttpResponse<String> redriven = send(HttpRequest.newBuilder(TestServer.http("/admin/api/dead-letters/"
                + deadLetter + "/retry")).header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(202);
        DeliveryIT.eventually(() -> TestServer.eventTypes("analyticsreply-" + exportId).size() == 1
                && count("select count(*) from event_infra.inbox where consumer = 'user' and event_id = ("
                + "select event_id from event_infra.events where stream_id = 'analyticsreply-" + exportId + "')")
                == 1, "analytics' late answer received by the user module");
        assertThat(TestServer.json(status(bearer, exportId).body()).getString("status")).as("too late")
                .isEqualTo("FAILED");
        assertThat(count("select count(*) from event_infra.private_replies where request_id = '" + exportId
                + "'")).as("the late section dropped").isZero();
        assertThat(TestServer.eventTypes("dataexport-" + exportId)).hasSize(2);
    }

    @Test
    void deletesTheArchiveWhenItExpires() throws Exception {
        String bearer = bearerOf(registered("fleeting"));
        String exportId = TestServer.json(send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()))).getString("exportId");
        Instant expiresAt = Instant.parse(eventuallyIn(bearer, exportId, "READY").getString("expiresAt"));
        assertThat(archive(bearer, exportId).statusCode()).isEqualTo(200);

        DeliveryIT.eventually(() -> Instant.now().isAfter(expiresAt), "the export's expiry");

        assertThat(archive(bearer, exportId).statusCode()).isEqualTo(404);
        assertThat(status(bearer, exportId).statusCode()).isEqualTo(404);
        DeliveryIT.eventually(() -> count("select count(*) from users.data_exports where id = '" + exportId + "'")
                == 0, "the expired export deleted");
    }

    @Test
    void dropsASectionNoExportWaitsForOnceItIsTwiceTheDeadlineOld() throws Exception {
        // the tests' deadline is 8 s: the sweeper drops sections received more than 16 s ago
        String stale = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        execute("insert into event_infra.private_replies (request_id, module, subject_id, content, received_at)"
                + " values ('" + stale + "', 'analytics', gen_random_uuid(), '{}', now() - interval '1 minute'),"
                + " ('" + recent + "', 'analytics', gen_random_uuid(), '{}', now())");

        DeliveryIT.eventually(() -> count("select count(*) from event_infra.private_replies where request_id = '"
                + stale + "'") == 0, "the stale section dropped");
        assertThat(count("select count(*) from event_infra.private_replies where request_id = '" + recent + "'"))
                .as("a section younger than twice the deadline stays").isOne();
        execute("delete from event_infra.private_replies where request_id = '" + recent + "'");
    }

    static JsonObject eventuallyIn(String bearer, String exportId, String status) throws Exception {
        JsonObject[] last = new JsonObject[1];
        DeliveryIT.eventually(() -> {
            HttpResponse<String> answer = status(bearer, exportId);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            last[0] = TestServer.json(answer);
            return last[0].getString("status").equals(status);
        }, "data export " + exportId + " " + status);
        return last[0];
    }

    private static HttpResponse<String> status(String bearer, String exportId) throws Exception {
        return send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports/" + exportId))
                .header("Authorization", bearer));
    }

    static HttpResponse<String> archive(String bearer, String exportId) throws Exception {
        return send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports/" + exportId + "/archive"))
                .header("Authorization", bearer));
    }

    private static String registered(String name) throws Exception {
        String email = name + "-" + UUID.randomUUID() + "@example.org";
        register(email, name);
        return email;
    }

    private static String register(String email, String displayName) throws Exception {
        return TestServer.register(email, PASSWORD, displayName);
    }

    private static String bearerOf(String email) throws Exception {
        HttpResponse<String> session = TestServer.signIn(email, PASSWORD);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        return "Bearer " + TestServer.json(session).getString("accessToken");
    }
}
