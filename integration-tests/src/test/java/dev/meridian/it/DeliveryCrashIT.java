package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.launcher.WildFlyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery survives the server being killed (SIGKILL) in the middle of a load of appends. The server runs with the
 * embedded broker, so its journal dies with it too. Not through Arquillian, which cannot kill a server: the test
 * starts the provisioned WildFly itself, with the same EAR and delivery probes as {@link DeliveryIT}, on the ports
 * and the database the other runs use (failsafe runs this class on its own, after them).
 */
class DeliveryCrashIT {

    private static final int CLIENTS = 6;
    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 600;

    private final Path baseDirectory = Path.of(TestServer.property("meridian.test.base.dir"));
    private WildFlyServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyCommittedEventIsAppliedOnceAfterTheServerIsKilledMidLoad() throws Exception {
        Path ear = DeliveryProbes.exportedWithDeliveryProbes(
                baseDirectory.resolveSibling("deployment").resolve("meridian.ear"), DeliveryIT.CONSUMER_SCHEMAS);
        server = start(ear);

        ProbeLoad load = new ProbeLoad("crash" + UUID.randomUUID().toString().substring(0, 8));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Void>> loads = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int number = client;
            loads.add(clients.submit(() -> load.publishUntilRefused(TestServer::http, number, loading,
                    acknowledged)));
        }
        DeliveryIT.eventually(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_THE_KILL,
                ACKNOWLEDGED_BEFORE_THE_KILL + " appends acknowledged");
        server.kill();
        Map<String, Long> atTheKill = load.progress();
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).as("the clients saw the server go").isTrue();
        for (Future<Void> client : loads) {
            client.get();
        }
        System.out.printf("Killed the server with %d appends acknowledged; at that moment %s%n",
                acknowledged.size(), atTheKill);

        long restarting = System.nanoTime();
        server = start(ear);
        Duration restart = Duration.ofNanos(System.nanoTime() - restarting);

        FaultReport.row("the server killed (SIGKILL, its embedded broker with it) and started again", CLIENTS
                        + " HTTP clients appending until the kill", load.audit(), acknowledged.size()
                        + " appends acknowledged before the kill", "server ready again after "
                        + FaultScenario.seconds(restart));
        load.assertEveryCommittedEventAppliedOnce(acknowledged);
    }

    private WildFlyServer start(Path ear) throws Exception {
        return DeliveryProbes.startServer(ear, baseDirectory, baseDirectory.resolveSibling("server-console.log"));
    }
}
