package dev.meridian.it.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * An Artemis broker in a process of its own, with a persistent journal, that a fault test can kill (SIGKILL) and
 * start again on the same journal, as a broker host that crashes and reboots; or one of a primary/backup pair that
 * replicates its journal to the other. {@link #main} is the broker; {@link #start}, {@link #startPrimary} and
 * {@link #startBackup} run it from the test JVM's own class path.
 */
public final class BrokerProcess {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String ROLE = "meridian";
    /** What a backup writes to its output once it holds all its primary has, and could take over. */
    private static final String BACKUP_IN_SYNC = "Meridian test broker: the backup is in sync with its primary";

    /** What the broker is: on its own, or one of a replicating pair. */
    private enum Part { STANDALONE, PRIMARY, BACKUP }

    private final Process process;
    private final int port;

    private BrokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker on {@code port} with its journal in {@code dataDirectory} and waits until it listens. */
    public static BrokerProcess start(int port, Path dataDirectory, String user, String password, Path log)
            throws IOException, InterruptedException {
        BrokerProcess broker = launch(Part.STANDALONE, port, 0, dataDirectory, user, password, log);
        broker.awaitListening(log);
        return broker;
    }

    /**
     * Starts the primary of a replicating pair, whose backup will be on {@code backupPort}, and waits until it
     * listens.
     */
    public static BrokerProcess startPrimary(int port, int backupPort, Path dataDirectory, String user,
                                             String password, Path log) throws IOException, InterruptedException {
        BrokerProcess broker = launch(Part.PRIMARY, port, backupPort, dataDirectory, user, password, log);
        broker.awaitListening(log);
        return broker;
    }

    /**
     * Starts the backup of the primary on {@code primaryPort} and waits until it has copied the primary's journal:
     * only then could it take over. It listens only once it has.
     */
    public static BrokerProcess startBackup(int port, int primaryPort, Path dataDirectory, String user,
                                            String password, Path log) throws IOException, InterruptedException {
        long logged = Files.exists(log) ? Files.size(log) : 0;
        BrokerProcess broker = launch(Part.BACKUP, port, primaryPort, dataDirectory, user, password, log);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) logged)
                .contains(BACKUP_IN_SYNC)) {
            broker.giveUpAfter(deadline, "The backup did not get in sync with its primary on port " + primaryPort,
                    log);
            Thread.sleep(200);
        }
        return broker;
    }

    private static BrokerProcess launch(Part part, int port, int peerPort, Path dataDirectory, String user,
                                        String password, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(),
                String.valueOf(port), dataDirectory.toString(), user, password, part.name(),
                String.valueOf(peerPort)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new BrokerProcess(process, port);
    }

    /** Waits until the broker listens on its port: a backup does once it has taken over. */
    public void awaitListening(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!listening()) {
            giveUpAfter(deadline, "The broker did not listen on port " + port, log);
            Thread.sleep(200);
        }
    }

    private void giveUpAfter(long deadline, String failure, Path log) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
            process.destroyForcibly();
            throw new IllegalStateException(failure + "; see " + log);
        }
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
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
            return probe.isConnected();
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * Arguments: port, journal directory, user, password, and {@link Part} with the peer's port (0 for a standalone
     * broker). Runs until killed.
     */
    public static void main(String[] arguments) throws Exception {
        String port = arguments[0];
        Path data = Path.of(arguments[1]);
        Part part = Part.valueOf(arguments[4]);
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setSecurityEnabled(true)
                .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port);
        if (part != Part.STANDALONE) {
            // the pair replicates over a cluster connection, on an account of its own
            configuration.addConnectorConfiguration("self", "tcp://127.0.0.1:" + port)
                    .addConnectorConfiguration("peer", "tcp://127.0.0.1:" + arguments[5])
                    .addClusterConfiguration(new ClusterConnectionConfiguration().setName("pair")
                            .setConnectorName("self").setStaticConnectors(List.of("peer")))
                    .setClusterUser("pair").setClusterPassword(arguments[3])
                    .setHAPolicyConfiguration(part == Part.PRIMARY
                            ? new ReplicatedPolicyConfiguration() : new ReplicaPolicyConfiguration());
        }
        configuration.putSecurityRoles("#", Set.of(
                new Role(ROLE, true, true, true, true, true, true, true, true, true, true, true, true)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(arguments[2], arguments[3]);
        users.addRole(arguments[2], ROLE);
        ActiveMQServer server = new EmbeddedActiveMQ().setConfiguration(configuration)
                .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users))
                .start().getActiveMQServer();
        if (part == Part.BACKUP) {
            while (!server.isReplicaSync()) {
                Thread.sleep(100);
            }
            System.out.println(BACKUP_IN_SYNC);
        }
        Thread.currentThread().join();
    }
}
