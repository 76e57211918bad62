package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.meridian.launcher.ListeningPorts;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * The container image users deploy ({@code docker/Dockerfile}), built and run for real with podman. No registry is
 * reachable here, so its base is a Debian image made on this machine with Debian's Java runtime
 * ({@code src/test/container}). It runs in remote broker mode against the tests' PostgreSQL, the standalone broker
 * and GreenMail, configured by environment variables only, on the host's network and the tests' ports (offset 100:
 * nothing else runs in this failsafe execution).
 */
class ContainerImageIT {

    private static final String BASE_IMAGE = "localhost/meridian-test-jre:bookworm";
    private static final String IMAGE = "localhost/meridian:test";
    private static final String CONTAINER = "meridian-container-it";
    private static final int PORT_OFFSET = Integer.parseInt(TestServer.property("meridian.test.port.offset"));
    private static final String INTERNAL_PORT = TestServer.property("meridian.test.internal.port");
    private static final String ADMIN_EMAIL = TestServer.property("meridian.test.admin.email");
    private static final String ADMIN_PASSWORD = TestServer.property("meridian.test.admin.password");
    private static final String PASSWORD = "a perfectly fine passphrase";
    /** Longer than the image's own start period: a first start migrates every schema. */
    private static final Duration START_PATIENCE = Duration.ofMinutes(4);

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static Podman podman;

    private final Mailbox mailbox = new Mailbox(MAIL);

    @BeforeAll
    static void buildTheImage() throws Exception {
        Path containerDir = Path.of(TestServer.property("meridian.test.container.dir"));
        Path work = Files.createDirectories(Path.of(TestServer.property("meridian.test.container.work")));
        podman = new Podman(containerDir.resolve("containers.conf"), work.resolve("podman.log"));
        podman.attempt(Duration.ofMinutes(1), "rm", "--force", CONTAINER);
        podman.runScript(Duration.ofMinutes(10), "bash", containerDir.resolve("make-base-image.sh").toString(),
                BASE_IMAGE, work.toString());
        Path root = Path.of(TestServer.property("meridian.project.root"));
        podman.run(Duration.ofMinutes(10), "build", "--format", "docker", "--network", "host",
                "--build-arg", "BASE_IMAGE=" + BASE_IMAGE, "--file", root.resolve("docker/Dockerfile").toString(),
                "--tag", IMAGE, root.toString());
    }

    @AfterAll
    static void removeTheContainer() throws Exception {
        if (podman != null) {
            podman.attempt(Duration.ofMinutes(2), "rm", "--force", "--time", "30", CONTAINER);
            ListeningPorts.awaitReleased(List.of(Integer.parseInt(TestServer.property("meridian.test.http.port")),
                    Integer.parseInt(TestServer.property("meridian.test.management.port")),
                    Integer.parseInt(INTERNAL_PORT)), Duration.ofSeconds(60));
        }
    }

    @Test
    void runsAsAnUnprivilegedUserWithAHealthCheck() throws Exception {
        assertThat(podman.run(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.User}}", IMAGE).strip())
                .isEqualTo("meridian");
        assertThat(podman.run(Duration.ofSeconds(30), "image", "inspect", "--format", "{{json .HealthCheck}}",
                IMAGE)).contains("/health/ready");
    }

    @Test
    void servesRegistrationsAndKeepsItsDataAndRelayPositionsAcrossARestart() throws Exception {
        podman.run(Duration.ofMinutes(1), runArguments());
        awaitHealthy();

        String first = register("Cora Tainer");
        String admin = bearer(TestServer.signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
        String firstUserId = TestServer.accountWith(first).toString();
        assertThat(TestServer.json(adminGet(admin, "/admin/api/processes?type=registration")).getJsonArray("items"))
                .as("the registration in the process log").map(JsonValue::asJsonObject)
                .anySatisfy(process -> {
                    assertThat(process.getString("subjectId")).isEqualTo(firstUserId);
                    assertThat(process.getString("status")).isEqualTo("CLOSED");
                });
        Map<String, String> relayed = awaitCaughtUpRelays(admin);

        podman.run(Duration.ofMinutes(2), "stop", "--time", "60", CONTAINER);
        assertThat(podman.run(Duration.ofSeconds(30), "logs", CONTAINER)).as("a clean shutdown")
                .contains("WFLYSRV0050");
        podman.run(Duration.ofMinutes(1), "start", CONTAINER);
        awaitHealthy();

        assertThat(caughtUpRelays(admin)).as("relay positions after the restart: nothing relayed again")
                .isEqualTo(relayed);
        assertThat(TestServer.signIn(first, PASSWORD).statusCode()).as("the first person signs in").isEqualTo(200);
        register("Cora Restarted");
        assertThat(awaitCaughtUpRelays(admin)).as("relay positions once the second registration is relayed")
                .isNotEqualTo(relayed);
    }

    @Test
    void composeSetsOnlyVariablesTheReadmeDocumentsAndTheImageReads() throws Exception {
        Path root = Path.of(TestServer.property("meridian.project.root"));
        Map<String, Object> compose = new Yaml().load(Files.readString(root.resolve("docker/compose.yaml")));
        Map<?, ?> meridian = (Map<?, ?>) ((Map<?, ?>) compose.get("services")).get("meridian");
        Set<?> variables = ((Map<?, ?>) meridian.get("environment")).keySet();
        Map<String, String> documented = configurationTable(Files.readString(root.resolve("README.md")));
        String serverConfiguration = podman.run(Duration.ofMinutes(1), "run", "--rm", "--network", "none",
                "--entrypoint", "cat", IMAGE, "/opt/meridian/wildfly/standalone/configuration/"
                        + "meridian-remote-broker.xml");
        String dockerfile = Files.readString(root.resolve("docker/Dockerfile"));
        EarText ear = new EarText(Path.of(TestServer.property("meridian.ear")));

        assertThat(variables).as("the variables compose sets for Meridian").isNotEmpty();
        for (Object variable : variables) {
            String name = variable.toString();
            assertThat(documented).as("the README's configuration table has " + name).containsKey(name);
            String property = documented.get(name);
            boolean read = serverConfiguration.contains("env." + name) || dockerfile.contains("$" + name)
                    || ear.contains(name)
                    || (name.equals(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                            && ear.contains(property));
            assertThat(read).as(name + " is read by the image's server configuration, its command or the EAR")
                    .isTrue();
        }
    }

    /** The README's configuration table: each variable and its system property ({@code —} when it has none). */
    private static Map<String, String> configurationTable(String readme) {
        Pattern row = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| (?:`([^`]+)`|—)", Pattern.MULTILINE);
        Map<String, String> table = new TreeMap<>();
        Matcher rows = row.matcher(readme);
        while (rows.find()) {
            table.put(rows.group(1), rows.group(2) == null ? "—" : rows.group(2));
        }
        return table;
    }

    /** Registers a person through the container and reads their welcome mail; their email address. */
    private String register(String displayName) throws Exception {
        String email = "container-" + UUID.randomUUID().toString().substring(0, 8) + "@meridian.test";
        TestServer.register(email, PASSWORD, displayName);
        assertThat(Mailbox.textOf(mailbox.mailTo(email, "Welcome to Meridian, " + displayName)))
                .contains(displayName);
        return email;
    }

    private String[] runArguments() {
        Map<String, String> environment = new TreeMap<>(Map.ofEntries(
                Map.entry("DB_URL", "jdbc:postgresql://localhost:" + TestServer.property("meridian.test.db.port")
                        + "/meridian"),
                Map.entry("DB_USER", "postgres"),
                Map.entry("DB_PASSWORD", "postgres"),
                Map.entry("BROKER_HOST", "localhost"),
                Map.entry("BROKER_PORT", TestServer.property("meridian.test.broker.port")),
                Map.entry("BROKER_USER", TestServer.property("meridian.broker.user")),
                Map.entry("BROKER_PASSWORD", TestServer.property("meridian.broker.password")),
                Map.entry("SMTP_HOST", "localhost"),
                Map.entry("SMTP_PORT", TestServer.property("meridian.test.smtp.port")),
                Map.entry("MERIDIAN_ADMIN_EMAIL", ADMIN_EMAIL),
                Map.entry("MERIDIAN_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("MERIDIAN_KEK", randomKey()),
                Map.entry("MERIDIAN_PORT_OFFSET", Integer.toString(PORT_OFFSET)),
                Map.entry("MERIDIAN_INTERNAL_PORT", INTERNAL_PORT),
                Map.entry("MERIDIAN_LRA_COORDINATOR_URL", "http://127.0.0.1:" + INTERNAL_PORT
                        + "/lra-coordinator/lra-coordinator"),
                Map.entry("JBOSS_JAVA_SIZING", "-Xms256m -Xmx1g")));
        List<String> arguments = new ArrayList<>(List.of("run", "--detach", "--name", CONTAINER, "--network",
                "host"));
        environment.forEach((name, value) -> arguments.addAll(List.of("--env", name + "=" + value)));
        arguments.add(IMAGE);
        return arguments.toArray(String[]::new);
    }

    /** Waits until the image's own health check passes, failing early with the server's log if the container ends. */
    private static void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (!podman.attempt(Duration.ofSeconds(30), "healthcheck", "run", CONTAINER).succeeded()) {
            String state = podman.run(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Status}}", CONTAINER)
                    .strip();
            if (!state.equals("running") || System.nanoTime() > deadline) {
                throw new AssertionError("the container is " + state + ", not healthy within " + START_PATIENCE
                        + "; its log:\n" + podman.run(Duration.ofSeconds(30), "logs", CONTAINER));
            }
            Thread.sleep(1000);
        }
    }

    private static Map<String, String> awaitCaughtUpRelays(String admin) throws Exception {
        AtomicReference<Map<String, String>> relays = new AtomicReference<>();
        DeliveryIT.eventually(() -> {
            relays.set(caughtUpRelays(admin));
            return relays.get() != null;
        }, "every relay caught up with the store");
        return relays.get();
    }

    /** Each topic's relay position and total, once none lags behind the store's head; null while one does. */
    private static Map<String, String> caughtUpRelays(String admin) throws Exception {
        List<JsonObject> relays = TestServer.json(adminGet(admin, "/admin/api/delivery")).getJsonArray("relays")
                .stream().map(JsonValue::asJsonObject).toList();
        if (relays.isEmpty() || relays.stream().anyMatch(relay -> relay.getJsonNumber("lag").longValue() > 0)) {
            return null;
        }
        return relays.stream().collect(Collectors.toMap(relay -> relay.getString("topic"),
                relay -> relay.getJsonNumber("position") + "/" + relay.getJsonNumber("relayedTotal"),
                (a, b) -> a, TreeMap::new));
    }

    private static HttpResponse<String> adminGet(String bearer, String path) throws Exception {
        HttpResponse<String> answer = TestServer.send(HttpRequest.newBuilder(TestServer.http(path))
                .header("Authorization", bearer).timeout(Duration.ofSeconds(30)).GET());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer;
    }

    private static String bearer(HttpResponse<String> signedIn) {
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        return "Bearer " + TestServer.json(signedIn).getString("accessToken");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
