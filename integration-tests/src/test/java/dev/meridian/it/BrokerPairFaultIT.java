package dev.meridian.it;

import dev.meridian.it.fault.BrokerProcess;
import dev.meridian.launcher.WildFlyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The way users outgrow one broker: an Artemis primary/backup pair replicating its journal (each a process of its
 * own, see {@link BrokerProcess}), two servers in remote broker mode connected to it, and the primary killed
 * (SIGKILL) under the fault suite's steady load. The backup takes over; both servers' relays and consumers must find
 * it by themselves, and every committed event must be applied once, in stream order, by every consumer. The load
 * goes through the server on the tests' ports (a {@link FaultScenario}); the other shares the relaying and the
 * consumers' subscriptions, as in {@link RelayFailoverCrashIT}. Then one server starts again while the primary is
 * still down, and must find the backup from its configuration alone.
 */
class BrokerPairFaultIT {

    private static final int LOAD_SECONDS = 60;
    // clear of the tests' ports (offset 100) and the delivery benchmark's (offset 300)
    private static final int SECOND_PORT_OFFSET = 200;

    private static final Path FAULT_DIRECTORY = Path.of(TestServer.property("meridian.test.base.dir")).getParent()
            .resolve("broker-pair");
    // the ports after those of this execution's standalone broker and of BrokerFaultIT's broker and proxy
    private static final int PRIMARY_PORT = Integer.parseInt(
            TestServer.property(StandaloneBrokerSession.PORT_PROPERTY)) + 3;
    private static final int BACKUP_PORT = PRIMARY_PORT + 1;

    private static final Map<String, Integer> PORT_OFFSETS = new LinkedHashMap<>();
    private static final Map<String, WildFlyServer> SERVERS = new LinkedHashMap<>();
    private static BrokerProcess primary;
    private static BrokerProcess backup;
    private static Path ear;

    @BeforeAll
    static void startBrokersAndServers() throws Exception {
        Files.createDirectories(FAULT_DIRECTORY);
        primary = BrokerProcess.startPrimary(PRIMARY_PORT, BACKUP_PORT, FAULT_DIRECTORY.resolve("primary-data"),
                TestServer.property("meridian.broker.user"), TestServer.property("meridian.broker.password"),
                FAULT_DIRECTORY.resolve("primary.log"));
        backup = BrokerProcess.startBackup(BACKUP_PORT, PRIMARY_PORT, FAULT_DIRECTORY.resolve("backup-data"),
                TestServer.property("meridian.broker.user"), TestServer.property("meridian.broker.password"),
                backupLog());
        ear = DeliveryProbes.exported(DeliveryProbes.withDeliveryProbes(TestServer.meridianEar(),
                DeliveryIT.CONSUMER_SCHEMAS, false), FAULT_DIRECTORY.resolve("deployment/meridian.ear"));
        PORT_OFFSETS.put("node-a", Integer.parseInt(TestServer.property("meridian.test.port.offset")));
        PORT_OFFSETS.put("node-b", SECOND_PORT_OFFSET);
        for (String node : PORT_OFFSETS.keySet()) {
            startServer(node);
        }
    }

    @AfterAll
    static void stopServersAndBrokers() throws Exception {
        for (WildFlyServer server : SERVERS.values()) {
            server.stop();
        }
        for (BrokerProcess broker : new BrokerProcess[] {primary, backup}) {
            if (broker != null) {
                broker.kill();
            }
        }
    }

    @Test
    void theBackupTakesOverAndTheServersFollowItLosingAndDoublingNothing() throws Exception {
        new FaultScenario("Artemis primary/backup pair (replication) under two servers, the primary killed"
                + " (SIGKILL)", LOAD_SECONDS, FaultScenario.Api.UNAFFECTED).run(load -> {
                    primary.kill();
                    long killed = System.nanoTime();
                    backup.awaitListening(backupLog());
                    FaultReport.note(String.format("The backup took over (listened) %s after the primary was"
                            + " killed.", FaultScenario.seconds(Duration.ofNanos(System.nanoTime() - killed))));
                }, () -> { });
        for (Map.Entry<String, Integer> node : PORT_OFFSETS.entrySet()) {
            DeliveryIT.eventually(() -> DeliveryProbes.ready(node.getValue()),
                    node.getKey() + " is ready again, on the backup");
        }

        // A running server learnt where the backup is from the pair; one started now, with the primary gone, knows
        // only what its configuration names: it must find the backup there, or it would never be ready.
        SERVERS.remove("node-b").stop();
        startServer("node-b");
    }

    /** Starts {@code node}'s server and waits until it is ready, its broker connection included. */
    private static void startServer(String node) throws Exception {
        SERVERS.put(node, DeliveryProbes.startBrokerPairServer(ear, FAULT_DIRECTORY.resolve(node), node,
                PORT_OFFSETS.get(node), PRIMARY_PORT, BACKUP_PORT));
    }

    private static Path backupLog() {
        return FAULT_DIRECTORY.resolve("backup.log");
    }
}
