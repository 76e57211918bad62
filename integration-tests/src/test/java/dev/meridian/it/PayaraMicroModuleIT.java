package dev.meridian.it;

import static dev.meridian.it.DeliveryIT.eventually;
import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.json;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.launcher.ListeningPorts;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One module extracted from the EAR: analytics runs on Payara Micro ({@code payara/payara-micro}, started here as an
 * operator would start it) while WildFly runs the rest in remote broker mode, both on the tests' database and the
 * standalone broker. The registration process on WildFly takes analytics' step on Payara Micro
 * ({@code meridian.process.participants.analytics.url}), the coordinator on WildFly completes or compensates it
 * there, a profile update on WildFly crosses the broker to analytics' consumer on Payara Micro, and Payara Micro
 * verifies WildFly's tokens with auth's key set.
 */
@ExtendWith(ArquillianExtension.class)
class PayaraMicroModuleIT {

    private static final int MICRO_PORT = 8380;
    private static final int MICRO_INTERNAL_PORT = 8390;
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final String PASSWORD = "a perfectly fine passphrase";
    private static final String ADMIN = TestTokens.administratorBearer();

    private static Process micro;
    private static Path log;
    private static Path root;

    /** The EAR without analytics, told where analytics' participants are (a setting in its lib/, as any other). */
    @Deployment(testable = false)
    static EnterpriseArchive meridianWithoutAnalytics() {
        EnterpriseArchive ear = TestServer.withoutWebModule(TestServer.meridianEar(), "analytics-core.war");
        return ear.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "analytics-elsewhere.jar")
                .addAsManifestResource(new StringAsset("meridian.process.participants.analytics.url=http://127.0.0.1:"
                        + MICRO_INTERNAL_PORT + "\n"), "microprofile-config.properties"));
    }

    @BeforeAll
    static void startAnalyticsOnPayaraMicro() throws Exception {
        Path distribution = Path.of(TestServer.property("meridian.test.payara-micro.dir"));
        Path run = Files.createDirectories(Path.of(TestServer.property("meridian.test.payara-micro.run")));
        Path settings = run.resolve("analytics.properties");
        Properties properties = new Properties();
        String wildflyInternal = "http://127.0.0.1:" + TestServer.property("meridian.test.internal.port");
        properties.putAll(Map.of(
                "meridian.db.url", "jdbc:postgresql://localhost:" + TestServer.property("meridian.test.db.port")
                        + "/meridian",
                "meridian.db.user", "postgres",
                "meridian.db.password", "postgres",
                "meridian.broker.host", "localhost",
                "meridian.broker.port", TestServer.property("meridian.test.broker.port"),
                "meridian.broker.user", TestServer.property("meridian.broker.user"),
                "meridian.broker.password", TestServer.property("meridian.broker.password"),
                "meridian.internal.bind-address", "127.0.0.1",
                "meridian.internal.port", String.valueOf(MICRO_INTERNAL_PORT),
                "meridian.kek-file", TestServer.property("meridian.test.kek-file")));
        properties.put("meridian.data-dir", run.resolve("data").toString());
        properties.put("lra.coordinator.url", wildflyInternal + "/lra-coordinator/lra-coordinator");
        properties.put("mp.jwt.verify.publickey.location", wildflyInternal + "/api/auth/jwks");
        try (var out = Files.newBufferedWriter(settings, StandardCharsets.UTF_8)) {
            properties.store(out, "analytics on Payara Micro, beside the tests' WildFly");
        }
        log = run.resolve("payara-micro.log");
        root = Files.createTempDirectory(run, "root-");
        ListeningPorts.awaitReleased(List.of(MICRO_PORT, MICRO_INTERNAL_PORT), Duration.ofSeconds(60));
        micro = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", distribution.resolve("payara-micro.jar").toString(),
                "--nocluster", "--port", String.valueOf(MICRO_PORT),
                // a root of its own on every start: Payara Micro keeps the configuration and the deployment in it,
                // and given an earlier one it deploys before the post-boot commands, which then fail as duplicates
                "--rootdir", root.toString(),
                "--systemproperties", settings.toString(),
                "--addlibs", distribution.resolve("lib").toString(),
                "--postbootcommandfile", distribution.resolve("meridian-micro.asadmin").toString(),
                "--deploy", distribution.resolve("meridian-analytics.war").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady();
    }

    @AfterAll
    static void stopPayaraMicro() throws Exception {
        if (micro == null) {
            return;
        }
        micro.destroy();
        if (!micro.waitFor(60, TimeUnit.SECONDS)) {
            micro.destroyForcibly().waitFor();
        }
        ListeningPorts.awaitReleased(List.of(MICRO_PORT, MICRO_INTERNAL_PORT), Duration.ofSeconds(60));
        PayaraDomainSession.deleteTree(root);
    }

    @Test
    void analyticsAnswersFromPayaraMicroAndNotFromWildFly() throws Exception {
        HttpResponse<String> info = TestServer.get(micro("/api/analytics/info"));
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        assertThat(json(info).getString("name")).isEqualTo("analytics");
        assertThat(TestServer.get(TestServer.http("/api/analytics/info")).statusCode())
                .as("WildFly runs no analytics").isEqualTo(404);

        HttpResponse<String> document = TestServer.get(micro("/api/analytics/openapi?format=JSON"));
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        assertThat(json(document).getJsonObject("paths").keySet()).contains("/api/analytics/summary");

        HttpResponse<String> ready = TestServer.get(micro("/health/ready"));
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(TestServer.healthCheck(json(ready), "broker").getJsonObject("data").keySet())
                .contains("analytics.topic");
    }

    @Test
    void aRegistrationOnWildFlyTakesAnalyticsStepOnPayaraMicro() throws Exception {
        String userId = TestServer.register("ada-" + UUID.randomUUID() + "@micro.test", PASSWORD, "Ada");

        JsonObject process = Processes.of("registration", userId);
        assertThat(Processes.status(process)).isEqualTo("CLOSED");
        // the coordinator completes the step on Payara Micro once the process closes
        awaitAnalyticsStep(userId, "completed");
    }

    @Test
    void aRegistrationCancelledAfterAnalyticsStepIsCompensatedOnPayaraMicro() throws Exception {
        String email = "unlucky-" + UUID.randomUUID() + "@micro.test";
        // the welcome mail, the step after analytics', is refused
        TestServer.execute("create function refuse_for_micro_test() returns trigger language plpgsql as $$"
                + " begin raise exception 'welcome mails are refused for this test'; end $$");
        TestServer.execute("create trigger refuse_for_micro_test before insert on notification.deliveries"
                + " for each row execute function refuse_for_micro_test()");
        HttpResponse<String> refused;
        try {
            refused = send(TestServer.postJson("/api/auth/registrations", "{\"email\":\"" + email
                    + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Unlucky\"}"));
        } finally {
            TestServer.execute("drop trigger refuse_for_micro_test on notification.deliveries");
            TestServer.execute("drop function refuse_for_micro_test()");
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        String userId = cancelledSubject();
        awaitAnalyticsStep(userId, "compensated");
    }

    @Test
    void aDataExportCrossesTheBrokerToPayaraMicroAndBack() throws Exception {
        String email = "grace-" + UUID.randomUUID() + "@micro.test";
        String userId = TestServer.register(email, PASSWORD, "Grace");
        String bearer = "Bearer " + json(TestServer.signIn(email, PASSWORD)).getString("accessToken");

        // the request goes out on the user module's topic from WildFly; analytics' consumer on Payara Micro answers
        // with an event its relay there sends on analytics' topic, which the user module on WildFly consumes
        HttpResponse<String> requested = send(HttpRequest.newBuilder(TestServer.http("/api/users/me/data-exports"))
                .header("Authorization", bearer).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String exportId = json(requested).getString("exportId");
        DataExportIT.eventuallyIn(bearer, exportId, "READY");

        HttpResponse<String> archive = DataExportIT.archive(bearer, exportId);
        assertThat(archive.statusCode()).as(archive.body()).isEqualTo(200);
        JsonObject sections = json(archive).getJsonObject("sections");
        assertThat(sections.keySet()).containsExactlyInAnyOrder("user", "auth", "notification", "analytics");
        assertThat(inboxed("analytics", "dataexport-" + exportId))
                .as("analytics' consumer on Payara Micro received the request").isOne();
        assertThat(inboxed("user", "analyticsreply-" + exportId))
                .as("the user module on WildFly received analytics' answer").isOne();
        assertThat(json(archive).getString("userId")).isEqualTo(userId);
    }

    @Test
    void aProfileUpdateOnWildFlyReachesAnalyticsProjectionOnPayaraMicro() throws Exception {
        String email = "hopper-" + UUID.randomUUID() + "@micro.test";
        TestServer.register(email, PASSWORD, "Hopper");
        long before = profileUpdatesCounted();

        TestServer.changeDisplayName(email, PASSWORD, "Grace Hopper");

        // analytics' projections follow the shared event store
        eventually(() -> profileUpdatesCounted() > before, "analytics on Payara Micro counted the profile update");
    }

    @Test
    void analyticsParticipantIsServedOnlyOnPayaraMicrosInternalListener() throws Exception {
        String path = "/api/analytics/participants/registration";
        HttpResponse<String> outside = send(HttpRequest.newBuilder(micro(path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(404);
        assertThat(outside.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> inside = send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + MICRO_INTERNAL_PORT + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(inside.statusCode()).as("Narayana's filter refuses a step outside an LRA: " + inside.body())
                .isEqualTo(412);
    }

    @Test
    void theModulesMetricsAreServedOnlyOnPayaraMicrosInternalListener() throws Exception {
        HttpResponse<String> outside = TestServer.get(micro("/api/analytics/prometheus"));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(404);

        HttpResponse<String> inside = TestServer.get(
                URI.create("http://127.0.0.1:" + MICRO_INTERNAL_PORT + "/api/analytics/prometheus"));
        assertThat(inside.statusCode()).as(inside.body()).isEqualTo(200);
        assertThat(inside.body()).contains("meridian_projection_lag{projection=\"analytics-signups\"}");
    }

    @Test
    void payaraMicroRefusesAnAnonymousCallAndAcceptsWildFlysAdministratorToken() throws Exception {
        assertThat(TestServer.get(micro("/api/analytics/summary")).statusCode()).isEqualTo(401);
        HttpResponse<String> summary = send(HttpRequest.newBuilder(micro("/api/analytics/summary"))
                .header("Authorization", ADMIN));
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
    }

    /** Waits for analytics' step in {@code userId}'s registration to end as {@code outcome}, the sign-up settled. */
    private static void awaitAnalyticsStep(String userId, String outcome) throws Exception {
        eventually(() -> Processes.steps(Processes.of("registration", userId)).contains("analytics: " + outcome),
                "analytics' step " + outcome + " on Payara Micro");
        assertThat(count("select count(*) from analytics.pending_signups where user_id = '" + userId + "'")).isZero();
    }

    /** How many events of {@code streamId} the consumer {@code consumer} received (its inbox rows). */
    private static long inboxed(String consumer, String streamId) throws Exception {
        return count("select count(*) from event_infra.inbox where consumer = '" + consumer + "' and event_id in"
                + " (select event_id from event_infra.events where stream_id = '" + streamId + "')");
    }

    private static String cancelledSubject() throws Exception {
        HttpResponse<String> cancelled = send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/processes?type=registration&status=CANCELLED&size=1")).header("Authorization", ADMIN));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        return json(cancelled).getJsonArray("items").getJsonObject(0).getString("subjectId");
    }

    private static long profileUpdatesCounted() throws Exception {
        HttpResponse<String> summary = send(HttpRequest.newBuilder(micro("/api/analytics/summary"))
                .header("Authorization", ADMIN));
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        JsonObject byType = json(summary).getJsonObject("eventsByType");
        return byType.containsKey("user.UserProfileUpdated") ? byType.getJsonNumber("user.UserProfileUpdated")
                .longValue() : 0;
    }

    private static URI micro(String path) {
        return URI.create("http://localhost:" + MICRO_PORT + path);
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!micro.isAlive()) {
                throw new IllegalStateException("Payara Micro ended (" + micro.exitValue() + "); see " + log);
            }
            try {
                if (TestServer.get(micro("/health/ready")).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro was not ready within " + STARTUP + "; see " + log);
    }
}
