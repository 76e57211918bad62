package dev.meridian.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process handling of {@link WildFlyServer}, with a stand-in for {@code standalone.sh} that behaves as the real
 * one does on SIGTERM: the script ends at once, while the "JVM" it started takes its time to shut down.
 */
class WildFlyServerTest {

    private static final String CONFIGURATION = LaunchSettings.BrokerMode.EMBEDDED.serverConfiguration();

    @TempDir
    Path directory;

    @Test
    void stopReturnsOnlyOnceTheProcessTheScriptStartedHasEnded() throws Exception {
        Path pidFile = directory.resolve("jvm.pid");
        WildFlyServer server = WildFlyServer.start(serverHome(pidFile), ear(), directory.resolve("base"),
                LaunchSettings.BrokerMode.EMBEDDED, Map.of("jboss.socket.binding.port-offset",
                        String.valueOf(freePort() - 8080)),
                BrokerAccounts.from(Map.of("BROKER_PASSWORD", "not-used"), directory, false),
                ProcessBuilder.Redirect.DISCARD);
        ProcessHandle jvm = ProcessHandle.of(awaitPid(pidFile)).orElseThrow();

        server.stop();

        assertThat(jvm.isAlive()).as("the JVM stand-in, which ends 2 s after SIGTERM").isFalse();
        assertThat(server.isRunning()).isFalse();
    }

    /**
     * A server home whose start script runs a child that records its pid and, on SIGTERM, takes 2 s to end; the
     * script itself has no trap, so SIGTERM ends it at once, as it ends {@code standalone.sh} waiting for its JVM.
     */
    private Path serverHome(Path pidFile) throws IOException {
        Path home = directory.resolve("wildfly");
        Files.createDirectories(home.resolve("standalone/configuration"));
        Files.writeString(home.resolve("standalone/configuration").resolve(CONFIGURATION), "<server/>");
        Path script = home.resolve("bin/standalone.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                #!/bin/sh
                sh -c 'echo $$ > %s; trap "sleep 2; exit 0" TERM; while true; do sleep 0.1; done' &
                wait
                """.formatted(pidFile));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private Path ear() throws IOException {
        return Files.writeString(directory.resolve("meridian.ear"), "not an archive; the stand-in never reads it");
    }

    private static long awaitPid(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            assertThat(System.nanoTime()).as("the stand-in JVM started").isLessThan(deadline);
            Thread.sleep(50);
        }
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
