package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.launcher.WildFlyServer;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two live servers on one database and one broker (remote broker mode, against this run's standalone broker): they
 * take turns relaying the probe topic under its checkpoint lock and share each consumer's subscriptions. Under a
 * load of appends through both, the server that relayed last is killed (SIGKILL); the other must take over the
 * topic and its share of the subscriptions, and every committed event must still be applied once, in stream order.
 */
class RelayFailoverCrashIT {

    private static final int CLIENTS_PER_SERVER = 3;
    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 400;
    private static final int ACKNOWLEDGED_AFTER_THE_KILL = 300;
    // the second server's ports: clear of the tests' (offset 100) and the delivery benchmark's (offset 300)
    private static final int SECOND_PORT_OFFSET = 200;

    private final Path crashDirectory = Path.of(TestServer.property("meridian.test.base.dir")).getParent();
    private final Map<String, WildFlyServer> servers = new LinkedHashMap<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (WildFlyServer server : servers.values()) {
            server.stop();
        }
    }

    @Test
    void theSurvivingServerTakesOverTheTopicAndEveryCommittedEventIsAppliedOnce() throws Exception {
        Path ear = DeliveryProbes.exported(DeliveryProbes.withDeliveryProbes(TestServer.meridianEar(),
                DeliveryIT.CONSUMER_SCHEMAS, false), crashDirectory.resolve("deployment-remote-broker/meridian.ear"));
        Map<String, Integer> portOffsets = new LinkedHashMap<>();
        portOffsets.put("node-a", Integer.parseInt(TestServer.property("meridian.test.port.offset")));
        portOffsets.put("node-b", SECOND_PORT_OFFSET);
        int brokerPort = Integer.parseInt(TestServer.property(StandaloneBrokerSession.PORT_PROPERTY));
        for (Map.Entry<String, Integer> node : portOffsets.entrySet()) {
            servers.put(node.getKey(), DeliveryProbes.startRemoteBrokerServer(ear,
                    crashDirectory.resolve(node.getKey()), node.getKey(), node.getValue(), brokerPort));
        }

        ProbeLoad load = new ProbeLoad("failover" + UUID.randomUUID().toString().substring(0, 8));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS_PER_SERVER * servers.size());
        List<Future<Void>> loads = new ArrayList<>();
        int client = 0;
        for (int portOffset : portOffsets.values()) {
            Function<String, URI> server = path -> DeliveryProbes.http(portOffset, path);
            for (int n = 0; n < CLIENTS_PER_SERVER; n++, client++) {
                int number = client;
                loads.add(clients.submit(() -> load.publishUntilRefused(server, number, loading, acknowledged)));
            }
        }
        Set<String> relayersBeforeTheKill = ConcurrentHashMap.newKeySet();
        DeliveryIT.eventually(() -> {
            Optional.ofNullable(relayedBy()).ifPresent(relayersBeforeTheKill::add);
            return acknowledged.size() >= ACKNOWLEDGED_BEFORE_THE_KILL;
        }, ACKNOWLEDGED_BEFORE_THE_KILL + " appends acknowledged");
        String killed = relayedBy();
        String survivor = portOffsets.keySet().stream().filter(node -> !node.equals(killed)).findFirst().orElseThrow();
        servers.remove(killed).kill();
        long relayedAtTheKill = relayedTotal();
        int acknowledgedAtTheKill = acknowledged.size();
        System.out.printf("Killed %s, which relayed last (relayers seen: %s), with %d appends acknowledged;"
                + " at that moment %s%n", killed, relayersBeforeTheKill, acknowledgedAtTheKill, load.progress());

        DeliveryIT.eventually(() -> acknowledged.size() >= acknowledgedAtTheKill + ACKNOWLEDGED_AFTER_THE_KILL,
                ACKNOWLEDGED_AFTER_THE_KILL + " more appends acknowledged by " + survivor);
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).as("the clients stopped").isTrue();
        for (Future<Void> clientLoad : loads) {
            clientLoad.get();
        }

        FaultReport.row("two servers on one broker, the one relaying killed (SIGKILL)", CLIENTS_PER_SERVER
                        + " HTTP clients per server, appending until their server goes", load.audit(),
                acknowledged.size() + " appends acknowledged", "the survivor relays the topic");
        load.assertEveryCommittedEventAppliedOnce(acknowledged);
        assertThat(relayedBy()).as("the server relaying the topic now").isEqualTo(survivor);
        assertThat(relayedTotal()).as("events relayed after the kill").isGreaterThan(relayedAtTheKill);
    }

    private static String relayedBy() throws SQLException {
        return relayCheckpoint("relayed_by");
    }

    private static long relayedTotal() throws SQLException {
        return Long.parseLong(relayCheckpoint("relayed_total"));
    }

    private static String relayCheckpoint(String column) throws SQLException {
        try (Connection db = TestServer.database(); Statement query = db.createStatement();
             ResultSet row = query.executeQuery("select " + column + " from event_infra.relay_checkpoints"
                     + " where topic = '" + DeliveryProbes.PROBE_TOPIC + "'")) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
