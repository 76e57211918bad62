package dev.meridian.archetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module generator as a newcomer uses it: in a copy of the whole project, {@code ./mvnw archetype:generate
 * -Dmodule=ledger} (the README's command) makes the ledger module and wires it in; the build then makes the EAR with
 * it and runs the generated module's own tests (its aggregate, its event samples, its projection on a real
 * PostgreSQL) and the module rules with it, and {@code ./mvnw -Prun package} serves it: a person signs in, writes a
 * note and reads it back. A name the generator must refuse leaves the project as it was.
 */
class GeneratedModuleIT {

    private static final Set<String> NOT_COPIED = Set.of("target", ".git", "node_modules");
    private static final long BUILD_MINUTES = 15;
    // the launcher's ports moved clear of a Meridian running here, the integration tests (100) and Payara Micro (300)
    private static final int PORT_OFFSET = 400;
    private static final int DATABASE_PORT = 25832;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<Process, Path> logs = new HashMap<>();
    private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*>");

    @TempDir
    Path workspace;

    @Test
    void generatesAModuleThatTheEarCarriesAndWhoseTestsPass() throws Exception {
        Path project = workspace.resolve("meridian");
        copyProject(Path.of(System.getProperty("meridian.project.root")).toRealPath(), project);
        // the generator comes from the local repository, like any archetype; its tests are this one
        maven(project, "install", "-N");
        maven(project, "install", "-pl", "module-archetype", "-DskipTests");

        String rootPom = Files.readString(project.resolve("pom.xml"));
        assertThat(run(project, "archetype:generate", "-Dmodule=order")).as("a module named by a reserved word")
                .contains("'order' is a reserved word");
        assertThat(Files.readString(project.resolve("pom.xml"))).as("the refused module's root POM").isEqualTo(rootPom);
        assertThat(project.resolve("order-module")).doesNotExist();

        maven(project, "archetype:generate", "-Dmodule=ledger");

        assertThat(project.resolve("ledger-module/ledger-core/src/main/java/dev/meridian/ledger/domain/Note.java"))
                .isRegularFile();
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("<module>ledger-module</module>");
        maven(project, "verify", "-pl", "ledger-module/ledger-api,ledger-module/ledger-core,ear,architecture-tests",
                "-am", "-Dtest=dev.meridian.ledger.**,ModuleBoundariesTest", "-Dsurefire.failIfNoSpecifiedTests=false",
                "-DskipITs");

        try (ZipFile ear = new ZipFile(project.resolve("ear/target/meridian.ear").toFile())) {
            assertThat(ear.getEntry("ledger-core.war")).isNotNull();
            assertThat(ear.getEntry("lib/ledger-api.jar")).isNotNull();
            assertThat(new String(ear.getInputStream(ear.getEntry("META-INF/application.xml")).readAllBytes(),
                    StandardCharsets.UTF_8)).contains("<context-root>/api/ledger</context-root>");
        }
        assertThat(testsRun(project.resolve("ledger-module/ledger-api/target/surefire-reports"))).isEqualTo(1);
        assertThat(testsRun(project.resolve("ledger-module/ledger-core/target/surefire-reports"))).isEqualTo(4);
        assertThat(testsRun(project.resolve("architecture-tests/target/surefire-reports")))
                .as("the module rules, which hold every module directory to them").isPositive();

        Process meridian = start(project, List.of("-Prun", "package", "-pl", "launcher", "-am", "-DskipTests"),
                Map.of("MERIDIAN_DATA_DIR", workspace.resolve("data").toString(), "MERIDIAN_PORT_OFFSET",
                        String.valueOf(PORT_OFFSET), "MERIDIAN_EMBEDDED_DB_PORT", String.valueOf(DATABASE_PORT)));
        try {
            awaitUp(meridian);
            String bearer = "Bearer " + signedInPerson();
            HttpResponse<String> written = HTTP.send(HttpRequest.newBuilder(api("/api/ledger/notes"))
                    .timeout(REQUEST_TIMEOUT).header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\" Remember the milk \"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).as(written.body()).isEqualTo(202);
            URI note = URI.create(written.headers().firstValue("Location").orElseThrow());
            HttpResponse<String> read = awaitAnswer(HttpRequest.newBuilder(note).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", bearer).build(), 200);
            assertThat(read.body()).contains("\"text\":\"Remember the milk\"");
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(note).timeout(REQUEST_TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        } finally {
            stop(meridian);
        }
    }

    private static URI api(String path) {
        return URI.create("http://localhost:" + (8080 + PORT_OFFSET) + path);
    }

    private static void awaitUp(Process meridian) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(BUILD_MINUTES);
        while (System.nanoTime() < deadline) {
            assertThat(meridian.isAlive()).as("the launcher is running").isTrue();
            try {
                if (HTTP.send(HttpRequest.newBuilder(api("/api/ledger/info")).timeout(REQUEST_TIMEOUT)
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is not listening yet
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("The generated module did not answer at /api/ledger/info");
    }

    /** A bearer token of a person registered and signed in for this test. */
    private static String signedInPerson() throws Exception {
        String credentials = "{\"email\":\"ledger-" + UUID.randomUUID() + "@example.com\",\"password\":\"a"
                + " perfectly fine passphrase\"";
        HttpResponse<String> registered = HTTP.send(json("/api/auth/registrations", credentials
                + ",\"displayName\":\"Ledger\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> signedIn = HTTP.send(json("/api/auth/sessions", credentials + "}"),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(signedIn.body());
        assertThat(token.find()).as(signedIn.body()).isTrue();
        return token.group(1);
    }

    private static HttpRequest json(String path, String body) {
        return HttpRequest.newBuilder(api(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The answer to {@code request} once it is {@code status}: a projection shows a note moments after it. */
    private static HttpResponse<String> awaitAnswer(HttpRequest request, int status) throws Exception {
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        for (int attempt = 0; attempt < 100 && answer.statusCode() != status; attempt++) {
            Thread.sleep(100);
            answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    /** Stops the launcher as Ctrl-C does, and waits for every process it started and every port they held. */
    private static void stop(Process meridian) throws Exception {
        List<ProcessHandle> started = meridian.descendants().toList();
        meridian.destroy();
        if (!meridian.waitFor(2, TimeUnit.MINUTES)) {
            meridian.destroyForcibly().waitFor();
        }
        for (ProcessHandle process : started) {
            try {
                process.onExit().get(1, TimeUnit.MINUTES);
            } catch (TimeoutException stillRunning) {
                process.destroyForcibly();
                process.onExit().get(1, TimeUnit.MINUTES);
            }
        }
        // every port the launcher's server opens (HTTP, internal, HTTPS, management, AMQP) and its database's
        for (int port : List.of(8080 + PORT_OFFSET, 8090 + PORT_OFFSET, 8443 + PORT_OFFSET, 9990 + PORT_OFFSET,
                9993 + PORT_OFFSET, 5672 + PORT_OFFSET, DATABASE_PORT)) {
            awaitFree(port);
        }
    }

    private static void awaitFree(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
                return;
            } catch (IOException held) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Port " + port + " is still held a minute after the launcher ended");
    }

    private static void copyProject(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                if (NOT_COPIED.contains(directory.getFileName().toString()) && !directory.equals(from)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Runs the copy's Maven wrapper, as a newcomer would, and fails with the end of its output if it fails. */
    private void maven(Path project, String... arguments) throws Exception {
        Process maven = started(project, arguments);
        List<String> output = Files.readAllLines(logs.get(maven));
        assertThat(maven.exitValue()).as("%s ended well:%n%s", String.join(" ", arguments),
                String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size()))).isZero();
    }

    /** The output of the copy's Maven wrapper, which must fail. */
    private String run(Path project, String... arguments) throws Exception {
        Process maven = started(project, arguments);
        assertThat(maven.exitValue()).as(String.join(" ", arguments)).isNotZero();
        return Files.readString(logs.get(maven));
    }

    private Process started(Path project, String... arguments) throws Exception {
        Process maven = start(project, List.of(arguments), Map.of());
        if (!maven.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
            List<ProcessHandle> started = maven.descendants().toList();
            started.forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor();
            for (ProcessHandle process : started) {
                process.onExit().get(1, TimeUnit.MINUTES);
            }
            throw new AssertionError(String.join(" ", arguments) + " did not end in " + BUILD_MINUTES + " minutes");
        }
        return maven;
    }

    private Process start(Path project, List<String> arguments, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "./mvnw", "-B", "-nsu", "-q"));
        command.addAll(arguments);
        Path log = Files.createTempFile(workspace, "maven", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the outer build's wrapper exports where its project is; the copy is another one
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        builder.environment().putAll(environment);
        Process maven = builder.start();
        logs.put(maven, log);
        return maven;
    }

    /** How many tests the reports in {@code reports} ran, checking that none failed. */
    private static int testsRun(Path reports) throws IOException {
        int run = 0;
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(file -> file.getFileName().toString().endsWith(".xml")).toList()) {
                Matcher suite = SUITE.matcher(Files.readString(report));
                assertThat(suite.find()).as(report.toString()).isTrue();
                assertThat(count(suite.group(), "errors") + count(suite.group(), "failures")).as(report.toString())
                        .isZero();
                run += count(suite.group(), "tests");
            }
        }
        return run;
    }

    private static int count(String suite, String attribute) {
        Matcher value = Pattern.compile(" " + attribute + "=\"(\\d+)\"").matcher(suite);
        assertThat(value.find()).as(attribute + " in " + suite).isTrue();
        return Integer.parseInt(value.group(1));
    }
}
