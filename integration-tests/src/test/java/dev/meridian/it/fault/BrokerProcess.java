package dev.meridian.it.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * An Artemis broker in a process of its own, with a persistent journal, that a fault test can kill (SIGKILL) and
 * start again on the same journal, as a broker host that crashes and reboots. {@link #main} is the broker;
 * {@link #start} runs it from the test JVM's own class path.
 */
public final class BrokerProcess {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String ROLE = "meridian";

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker on {@code port} with its journal in {@code dataDirectory} and waits until it listens. */
    public static BrokerProcess start(int port, Path dataDirectory, String user, String password, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(),
                String.valueOf(port), dataDirectory.toString(), user, password));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BrokerProcess broker = new BrokerProcess(process, port);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!broker.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("The broker did not start on port " + port + "; see " + log);
            }
            Thread.sleep(200);
        }
        return broker;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits until the process is gone and its port free. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        while (listening()) {
            Thread.sleep(100);
        }
    }

    private boolean listening() {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Arguments: port, journal directory, user, password. Runs until killed. */
    public static void main(String[] arguments) throws Exception {
        Path data = Path.of(arguments[1]);
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setSecurityEnabled(true)
                .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + arguments[0]);
        configuration.putSecurityRoles("#", Set.of(
                new Role(ROLE, true, true, true, true, true, true, true, true, true, true, true, true)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(arguments[2], arguments[3]);
        users.addRole(arguments[2], ROLE);
        new EmbeddedActiveMQ().setConfiguration(configuration)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users))
                .start();
        Thread.currentThread().join();
    }
}
