package dev.meridian.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * For the Payara run only (failsafe sets {@code meridian.test.payara.home}): a copy of the Payara Server the build
 * provisioned ({@code payara/payara-server}), started before any test and told where the tests' database, standalone
 * broker and mail server are, as an operator would (system properties of the domain); Arquillian then deploys the
 * Payara EAR to it. Stopped after the last test, and its ports waited for.
 */
public class PayaraDomainSession implements LauncherSessionListener {

    static final String HOME_PROPERTY = "meridian.test.payara.home";
    /** Payara's admin, HTTP, HTTPS and Meridian's internal listener: free again before the session ends. */
    private static final int[] PORTS = {4848, 8080, 8181, 8090};
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private Path home;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String provisioned = System.getProperty(HOME_PROPERTY);
        if (provisioned == null) {
            return;
        }
        try {
            home = Path.of(TestServer.property("meridian.test.payara.base"));
            copy(Path.of(provisioned), home);
            asadmin("start-domain", "domain1");
            Path settings = home.resolve("meridian-test.asadmin");
            Files.write(settings, testSettings(), StandardCharsets.UTF_8);
            asadmin("multimode", "--file", settings.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the tests' Payara Server", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (home == null) {
            return;
        }
        try {
            asadmin("stop-domain", "domain1");
            for (int port : PORTS) {
                awaitFree(port);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the tests' Payara Server", e);
        }
    }

    /** The domain's settings for this run: the tests' services, and the probe module's topic (see DeliveryProbes). */
    private static List<String> testSettings() {
        List<String> commands = new ArrayList<>();
        property("meridian.db.url", "jdbc:postgresql://localhost:" + TestServer.property("meridian.test.db.port")
                + "/meridian", commands);
        property("meridian.db.user", "postgres", commands);
        property("meridian.db.password", "postgres", commands);
        property("meridian.broker.port", TestServer.property("meridian.test.broker.port"), commands);
        property("meridian.broker.user", TestServer.property("meridian.broker.user"), commands);
        property("meridian.broker.password", TestServer.property("meridian.broker.password"), commands);
        property("meridian.smtp.port", TestServer.property("meridian.test.smtp.port"), commands);
        property("meridian.mail.retry.delays", "PT0.5S", commands);
        property("meridian.admin.email", TestServer.property("meridian.test.admin.email"), commands);
        property("meridian.admin.password", TestServer.property("meridian.test.admin.password"), commands);
        property("meridian.public-url", "https://meridian.test", commands);
        property("meridian.delivery.retry.delays", "PT0.1S", commands);
        // as the WildFly tests' server: the tests speak for a proxy in front of it
        property("meridian.proxy-address-forwarding", "true", commands);
        commands.add("create-admin-object --raname=artemis-ra --restype=jakarta.jms.Topic --property Address=jms.topic."
                + DeliveryProbes.PROBE_TOPIC + " jms/topic/" + DeliveryProbes.PROBE_TOPIC);
        return commands;
    }

    private static void property(String name, String value, List<String> commands) {
        // multimode reads one backslash away; asadmin needs ':' and '=' in a value escaped
        commands.add("create-system-properties " + name + "=" + value.replace(":", "\\\\:").replace("=", "\\\\="));
    }

    private void asadmin(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", home.resolve("glassfish/lib/client/appserver-cli.jar").toString()));
        command.addAll(List.of(arguments));
        Path log = home.resolve("asadmin.log");
        Process asadmin = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!asadmin.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                asadmin.destroyForcibly().waitFor();
                throw new IllegalStateException("asadmin " + arguments[0] + " did not end in " + PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String output = Files.readString(log);
        if (asadmin.exitValue() != 0 || output.contains("failed.")) {
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        deleteTree(to);
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void awaitFree(int port) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                new ServerSocket(port).close();
                return;
            } catch (IOException held) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Port " + port + " is still held after Payara stopped", held);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
