package dev.meridian.it;

import static dev.meridian.it.DeliveryIT.eventually;
import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.json;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Meridian on Payara Server: the Payara EAR ({@code payara/payara-server}) deployed by Arquillian to the server the
 * build provisioned ({@link PayaraDomainSession}), against the tests' PostgreSQL, the standalone broker and
 * GreenMail. One pass over what a user does and what an operator looks at, each through the real route: the
 * modules' answers and readiness, a registration through its LRA process (Narayana's coordinator, in the EAR) with
 * the welcome mail, and one whose step fails compensated, a profile update counted by analytics, a poison event
 * parked and redriven from the admin API over the broker, the console's page, each module's OpenAPI document, the
 * client address behind a proxy, and the internal listener's paths kept from the public one.
 */
@ExtendWith(ArquillianExtension.class)
class PayaraServerIT {

    private static final String PASSWORD = "a perfectly fine passphrase";
    private static final URI INTERNAL = URI.create("http://127.0.0.1:8090");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static String adminBearer;

    private final Mailbox mailbox = new Mailbox(MAIL);

    @Deployment(testable = false)
    static EnterpriseArchive meridianForPayara() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(TestServer.property("meridian.test.payara.ear")));
        return DeliveryProbes.withDeliveryProbes(ear, List.of("probe_a"), false);
    }

    @Test
    void everyModuleAnswersAndTheServerIsReady() throws Exception {
        for (String module : List.of("auth", "users", "notifications", "analytics")) {
            HttpResponse<String> info = TestServer.get(TestServer.http("/api/" + module + "/info"));
            assertThat(info.statusCode()).as(module).isEqualTo(200);
            assertThat(json(info).getString("version")).isNotBlank();
        }
        HttpResponse<String> ready = TestServer.get(TestServer.http("/health/ready"));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonObject health = json(ready);
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(TestServer.healthCheck(health, "database").getJsonObject("data").keySet())
                .as("every module started, in one CDI deployment").contains("auth.schemaVersion",
                        "user.schemaVersion", "notification.schemaVersion", "analytics.schemaVersion");
        assertThat(TestServer.healthCheck(health, "broker").getJsonObject("data").keySet())
                .contains("auth.topic", "user.topic", "notification.topic", "analytics.topic");
        HttpResponse<String> nothing = TestServer.get(TestServer.http("/no-such-module"));
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(nothing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void everyModuleServesItsOwnOpenApiDocumentAsOnWildFly() throws Exception {
        // per module: a path of its own (/info is event-infra's, in lib/, which Payara's per-module scan leaves out),
        // and an error answer of it that event-infra's filter made a problem
        for (String[] module : List.of(new String[] {"/api/auth", "/api/auth/registrations", "post", "400"},
                new String[] {"/api/users", "/api/users/me", "get", "401"},
                new String[] {"/api/notifications", "/api/notifications/me", "get", "401"},
                new String[] {"/api/analytics", "/api/analytics/summary", "get", "403"},
                new String[] {"/admin", "/admin/api/dead-letters", "get", "403"})) {
            String root = module[0];
            HttpResponse<String> document = TestServer.get(TestServer.http(root + "/openapi?format=JSON"));

            assertThat(document.statusCode()).as(root + ": " + document.body()).isEqualTo(200);
            JsonObject paths = json(document).getJsonObject("paths");
            assertThat(paths.keySet()).as(root).allSatisfy(path -> assertThat(path).startsWith(root + "/"))
                    .contains(module[1]);
            assertThat(paths.getJsonObject(module[1]).getJsonObject(module[2]).getJsonObject("responses")
                    .getJsonObject(module[3]).getJsonObject("content").getJsonObject("application/problem+json")
                    .getJsonObject("schema").getString("$ref")).as(root).isEqualTo("#/components/schemas/Problem");
            assertThat(json(document).getJsonObject("components").getJsonObject("schemas").keySet()).as(root)
                    .contains("Problem");
        }
        // Payara writes OpenAPI 3.0, which allows roles under OAuth scopes only: the filter lists them beside
        JsonObject summary = json(TestServer.get(TestServer.http("/api/analytics/openapi?format=JSON")))
                .getJsonObject("paths").getJsonObject("/api/analytics/summary").getJsonObject("get");
        assertThat(summary.getJsonArray("security").getJsonObject(0).getJsonArray("bearer")).isEmpty();
        assertThat(summary.getJsonArray("x-meridian-roles").getString(0)).isEqualTo("admin");
        HttpResponse<String> yaml = TestServer.get(TestServer.http("/api/auth/openapi"));
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/yaml"));
        assertThat(yaml.body()).startsWith("openapi: 3").contains("/api/auth/registrations");
    }

    @Test
    void behindItsProxyTheClientAddressIsTheFirstForwardedOne() throws Exception {
        String email = "proxied-" + UUID.randomUUID() + "@payara.test";
        TestServer.register(email, PASSWORD, "Proxied");

        HttpResponse<String> signedIn = send(TestServer.postJson("/api/auth/sessions", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\"}").header("X-Forwarded-For", "203.0.113.7, 10.0.0.1"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        HttpResponse<String> sessions = send(HttpRequest.newBuilder(TestServer.http("/api/auth/sessions"))
                .header("Authorization", "Bearer " + json(signedIn).getString("accessToken")));

        assertThat(sessions.statusCode()).as(sessions.body()).isEqualTo(200);
        assertThat(TestServer.jsonArray(sessions).getJsonObject(0).getString("clientAddress"))
                .as("the address the proxy saw, as WildFly's proxy-address-forwarding takes it")
                .isEqualTo("203.0.113.7");

        HttpResponse<String> forged = send(TestServer.postJson("/api/auth/sessions", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\"}").header("X-Forwarded-For", "<b>not an address</b>"));
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(200);
        HttpResponse<String> both = send(HttpRequest.newBuilder(TestServer.http("/api/auth/sessions"))
                .header("Authorization", "Bearer " + json(forged).getString("accessToken")));
        assertThat(TestServer.jsonArray(both).getValuesAs(JsonObject.class))
                .extracting(session -> session.getString("clientAddress"))
                .as("what is no address is not believed").containsExactlyInAnyOrder("203.0.113.7", "127.0.0.1");
    }

    @Test
    void aRegistrationRunsItsProcessAndTheWelcomeMailArrives() throws Exception {
        String email = "ada-" + UUID.randomUUID() + "@payara.test";
        String userId = TestServer.register(email, PASSWORD, "Ada on Payara");

        MimeMessage welcome = mailbox.mailTo(email, "Welcome to Meridian, Ada on Payara");
        assertThat(Mailbox.textOf(welcome)).contains("Ada on Payara");
        List<JsonObject> processes = json(admin("/admin/api/processes?type=registration&size=500"))
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(processes).as("the registration's process, closed by the coordinator")
                .anySatisfy(process -> {
                    assertThat(process.getString("subjectId")).isEqualTo(userId);
                    assertThat(process.getString("status")).isEqualTo("CLOSED");
                });
        assertThat(count("select count(*) from analytics.pending_signups where user_id = '" + userId + "'"))
                .as("analytics' participant completed").isZero();
    }

    @Test
    void aRegistrationWhoseStepFailsIsCompensatedByTheCoordinator() throws Exception {
        String email = "unlucky-" + UUID.randomUUID() + "@payara.test";
        TestServer.execute("create function refuse_for_payara_test() returns trigger language plpgsql as $$"
                + " begin raise exception 'sign-ups are refused for this test'; end $$");
        TestServer.execute("create trigger refuse_for_payara_test before insert on analytics.pending_signups"
                + " for each row execute function refuse_for_payara_test()");
        HttpResponse<String> refused;
        try {
            refused = send(TestServer.postJson("/api/auth/registrations", "{\"email\":\"" + email
                    + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Unlucky\"}"));
        } finally {
            TestServer.execute("drop trigger refuse_for_payara_test on analytics.pending_signups");
            TestServer.execute("drop function refuse_for_payara_test()");
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        UUID userId = UUID.fromString(json(admin("/admin/api/processes?type=registration&status=CANCELLED&size=1"))
                .getJsonArray("items").getJsonObject(0).getString("subjectId"));
        // the coordinator calls each participant's compensation back on the internal listener
        eventually(() -> TestServer.eventTypes("profile-" + userId)
                .equals(List.of("user.UserProfileCreated", "user.UserProfileDiscarded")), "the profile discarded");
        assertThat(TestServer.eventTypes("account-" + userId)).containsExactly("auth.UserRegistered",
                "auth.RegistrationCancelled");
        assertThat(count("select count(*) from auth.account_emails where email = '" + email + "'")).isZero();
        assertThat(MAIL.getReceivedMessagesForDomain(email)).as("no welcome mail").isEmpty();
    }

    @Test
    void aProfileUpdateIsDeliveredToAnalytics() throws Exception {
        String email = "grace-" + UUID.randomUUID() + "@payara.test";
        TestServer.register(email, PASSWORD, "Grace");
        long before = profileUpdatesCounted();

        TestServer.changeDisplayName(email, PASSWORD, "Grace Hopper");

        eventually(() -> profileUpdatesCounted() > before, "analytics counted the profile update");
    }

    @Test
    void aPoisonEventIsParkedAndRedrivenFromTheAdminApi() throws Exception {
        String stream = "poisoned-" + UUID.randomUUID().toString().substring(0, 8);
        String poisonId = DeliveryIT.publish(stream, "poison-probe_a");
        DeliveryIT.publish(stream, "after");

        eventually(() -> !deadLettersOf(poisonId).isEmpty(), "the poison parked");
        JsonObject parked = deadLettersOf(poisonId).get(0);
        assertThat(DeliveryIT.count("probe_a", "stream_id = '" + stream + "'")).as("the next waits behind it").isZero();

        TestServer.execute("insert into probe_a.healed default values");
        HttpResponse<String> retried = send(adminRequest("/admin/api/dead-letters/" + parked.getString("id")
                + "/retry").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);

        eventually(() -> DeliveryIT.count("probe_a", "stream_id = '" + stream + "'") == 2, "redriven, then the next");
    }

    @Test
    void theConsoleServesItsSignInPage() throws Exception {
        HttpResponse<String> console = TestServer.get(TestServer.http("/admin/"));

        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(console.body()).contains("<title>Meridian console</title>", "type=\"password\"");
    }

    @Test
    void theInternalListenersPathsAreNotServedOnThePublicOne() throws Exception {
        for (String path : List.of("/lra-coordinator/lra-coordinator", "/api/auth/participants/registration",
                "/api/users/participants/registration", "/prometheus")) {
            HttpResponse<String> hidden = TestServer.get(TestServer.http(path));
            assertThat(hidden.statusCode()).as(path).isEqualTo(404);
            assertThat(hidden.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(json(hidden).getString("detail")).as(path).isEqualTo("There is nothing at this path");
        }
        assertThat(TestServer.get(INTERNAL.resolve("/lra-coordinator/lra-coordinator")).statusCode()).isEqualTo(200);
        assertThat(TestServer.get(INTERNAL.resolve("/api/auth/jwks")).body()).contains("\"keys\"");
        assertThat(TestServer.get(INTERNAL.resolve("/prometheus")).body().lines())
                .as("the modules' meters, for Prometheus").anyMatch(line -> line.startsWith("meridian_"));
    }

    @Test
    void theInternalPathsStayHiddenHoweverTheyAreSpeltOrAddressed() throws Exception {
        List<String[]> headers = List.of(new String[] {"Host", INTERNAL.getAuthority()},
                new String[] {"X-Forwarded-For", "127.0.0.1"}, new String[] {"Content-Type", "application/json"});
        for (String path : List.of("/lra-coordinator//lra-coordinator", "/lra-coordinator/./lra-coordinator",
                "/lra-coordinator/lra-coordinator/start?ClientID=attacker", "/api/auth//participants/erasure",
                "/api/auth/./participants/erasure", "/api/auth/%70articipants/erasure",
                "/api/auth/participants;x=y/erasure", "/api/users/participants/erasure/complete")) {
            for (String method : List.of("GET", "PUT", "POST")) {
                // Payara itself answers some requests for a path with an empty or a dot segment with a 400, before
                // any module sees them (a GET with // or /./ here); the rest are the door's 404
                assertThat(RawHttp.send("127.0.0.1", method, TestServer.http(path), headers, "{}"))
                        .as(method + " " + path).isIn(400, 404);
            }
        }
    }

    private static long profileUpdatesCounted() throws Exception {
        JsonObject byType = json(admin("/api/analytics/summary")).getJsonObject("eventsByType");
        return byType.containsKey("user.UserProfileUpdated") ? byType.getJsonNumber("user.UserProfileUpdated")
                .longValue() : 0;
    }

    private static List<JsonObject> deadLettersOf(String eventId) throws Exception {
        return json(admin("/admin/api/dead-letters?consumer=probea")).getJsonArray("items")
                .getValuesAs(JsonObject.class).stream()
                .filter(letter -> letter.getString("eventId").equals(eventId)).toList();
    }

    private static HttpResponse<String> admin(String path) throws Exception {
        HttpResponse<String> answer = send(adminRequest(path).GET());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer;
    }

    private static HttpRequest.Builder adminRequest(String path) throws Exception {
        return HttpRequest.newBuilder(TestServer.http(path)).header("Authorization", adminBearer());
    }

    /** Signed in once for the class (a token lives five minutes): polling must not run into the sign-in limits. */
    private static synchronized String adminBearer() throws Exception {
        if (adminBearer == null) {
            HttpResponse<String> signedIn = TestServer.signIn(TestServer.property("meridian.test.admin.email"),
                    TestServer.property("meridian.test.admin.password"));
            assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
            adminBearer = "Bearer " + json(signedIn).getString("accessToken");
        }
        return adminBearer;
    }
}
