package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.launcher.WildFlyServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private static final int STREAMS_PER_CLIENT = 5;
    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 600;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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

        String run = "crash" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Void>> loads = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int first = client * STREAMS_PER_CLIENT;
            loads.add(clients.submit(() -> publishUntilRefused(run, first, loading, acknowledged)));
        }
        DeliveryIT.eventually(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_THE_KILL,
                ACKNOWLEDGED_BEFORE_THE_KILL + " appends acknowledged");
        server.kill();
        Map<String, Long> atTheKill = progress(run);
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).as("the clients saw the server go").isTrue();
        for (Future<Void> load : loads) {
            load.get();
        }
        System.out.printf("Killed the server with %d appends acknowledged; at that moment %s%n",
                acknowledged.size(), atTheKill);

        server = start(ear);

        List<String> committed = storedEventIds(run);
        assertThat(committed).as("every acknowledged append is in the store").containsAll(acknowledged);
        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            DeliveryIT.eventually(() -> DeliveryIT.count(schema, "stream_id like '" + run + "-%'")
                    >= committed.size(), schema + " applied all " + committed.size() + " committed events");
            DeliveryIT.assertAppliedOnceInStreamOrder(schema, run + "-%", committed);
            DeliveryIT.eventually(() -> projectedEvents(schema, run) == committed.size(),
                    "the projection of " + schema + " counted every committed event");
            assertThat(projectedEventsPerStream(schema, run)).as(schema + ": the projection, per stream")
                    .isEqualTo(storedEventsPerStream(run));
        }
    }

    private WildFlyServer start(Path ear) throws Exception {
        return DeliveryProbes.startServer(ear, baseDirectory, baseDirectory.resolveSibling("server-console.log"));
    }

    /** One client: appends to its own streams in turn until the server stops answering. */
    private static Void publishUntilRefused(String run, int firstStream, AtomicBoolean loading,
                                           Set<String> acknowledged) throws InterruptedException {
        for (int n = 0; loading.get(); n++) {
            String stream = run + "-" + (firstStream + n % STREAMS_PER_CLIENT);
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(
                                "/delivery-probe/publish?stream=" + stream + "&note=n" + n))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                acknowledged.add(response.body());
            } catch (IOException killed) {
                // an append in flight at the kill may or may not have committed; the store is the judge
                return null;
            }
        }
        return null;
    }

    /** How far each part had got: stored, and applied and projected by each consumer. */
    private static Map<String, Long> progress(String run) throws SQLException {
        Map<String, Long> progress = new LinkedHashMap<>();
        progress.put("stored", (long) storedEventIds(run).size());
        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            progress.put(schema + " applied", DeliveryIT.count(schema, "stream_id like '" + run + "-%'"));
            progress.put(schema + " projected", projectedEvents(schema, run));
        }
        return progress;
    }

    private static List<String> storedEventIds(String run) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement(
                     "select event_id from event_infra.events where stream_id like ?")) {
            query.setString(1, run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static long projectedEvents(String schema, String run) throws SQLException {
        return projectedEventsPerStream(schema, run).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> projectedEventsPerStream(String schema, String run) throws SQLException {
        return countsPerStream("select stream_id, events from " + schema + ".notes_view where stream_id like ?", run);
    }

    private static Map<String, Long> storedEventsPerStream(String run) throws SQLException {
        return countsPerStream("select stream_id, count(*) from event_infra.events where stream_id like ?"
                + " group by stream_id", run);
    }

    private static Map<String, Long> countsPerStream(String sql, String run) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection db = TestServer.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }
}
