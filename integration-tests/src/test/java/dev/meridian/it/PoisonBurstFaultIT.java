package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.launcher.LaunchSettings.BrokerMode;
import dev.meridian.launcher.WildFlyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of 1,000 events that one consumer's handler cannot take, in 1,000 streams, while a steady load of good
 * events flows: every poison event is parked, the good ones keep being applied (their delay is reported), and once
 * the handler is fixed one "retry all matching" applies each parked event exactly once. The other consumer takes the
 * same events without trouble throughout.
 */
class PoisonBurstFaultIT {

    private static final int POISON = 1_000;
    private static final int STEADY_RATE = 100;
    private static final int STEADY_SECONDS = 40;
    /** Sessions per consumer: the retries in place of a poison event hold up its session, not the others. */
    private static final int SESSIONS = 8;
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final Path baseDirectory = Path.of(TestServer.property("meridian.test.base.dir"));
    private WildFlyServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aThousandPoisonEventsAreAllParkedWhileOtherStreamsFlowAndOneRedriveAppliesEachOnce() throws Exception {
        Path ear = DeliveryProbes.exportedWithDeliveryProbes(
                baseDirectory.resolveSibling("deployment").resolve("meridian.ear"), DeliveryIT.CONSUMER_SCHEMAS);
        server = DeliveryProbes.startServer(ear, baseDirectory, baseDirectory.resolveSibling("server-console.log"),
                Integer.parseInt(TestServer.property("meridian.test.port.offset")), BrokerMode.EMBEDDED,
                Map.of("meridian.delivery.sessions", String.valueOf(SESSIONS)));
        ProbeLoad load = new ProbeLoad("poison" + UUID.randomUUID().toString().substring(0, 8));
        String steadyRun = load.run() + "-steady";
        HttpResponse<String> steady = TestServer.send(HttpRequest.newBuilder(TestServer.http(
                        "/delivery-probe/load?run=" + steadyRun + "&rate=" + STEADY_RATE + "&seconds=" + STEADY_SECONDS
                                + "&streams=50"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(steady.statusCode()).as(steady.body()).isEqualTo(202);

        long burstStarted = System.nanoTime();
        List<String> poison = publishPoison(load.run());
        awaitWithin(() -> parked(load.run()) == POISON, "all " + POISON + " poison events parked at probe_a");
        Duration allParked = Duration.ofNanos(System.nanoTime() - burstStarted);
        assertThat(DeliveryIT.count("probe_a", "event_id::text = any(array['" + String.join("','", poison)
                + "'])")).as("none applied at probe_a while broken").isZero();
        awaitWithin(() -> DeliveryIT.count("probe_b", "stream_id like '" + load.run() + "-poison-%'") == POISON,
                "probe_b took every one of them");
        awaitWithin(() -> steadyDone(steadyRun), "the steady load ended");
        long steadyEvents = TestServer.count("select count(*) from event_infra.events where stream_id like '"
                + steadyRun + "-%'");
        awaitWithin(() -> DeliveryIT.count("probe_a", "stream_id like '" + steadyRun + "-%'") == steadyEvents,
                "probe_a applied every good event meanwhile");
        String goodDelay = TestServer.count("select (percentile_cont(0.99) within group (order by extract(epoch from"
                + " a.applied_at - e.occurred_at)) * 1000)::bigint from probe_a.applied a join event_infra.events e"
                + " using (event_id) where a.stream_id like '" + steadyRun + "-%'") + " ms";
        String goodMax = TestServer.count("select (max(extract(epoch from a.applied_at - e.occurred_at)) * 1000)"
                + "::bigint from probe_a.applied a join event_infra.events e using (event_id) where a.stream_id like '"
                + steadyRun + "-%'") + " ms";

        TestServer.execute("insert into probe_a.healed default values");
        long redriveStarted = System.nanoTime();
        HttpResponse<String> retried = DeliveryIT.admin("POST", "/dead-letters/retry",
                "{\"consumer\":\"probea\",\"q\":\"" + load.run() + "-poison\"}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(TestServer.json(retried).getInt("count")).isEqualTo(POISON);
        awaitWithin(() -> DeliveryIT.count("probe_a", "stream_id like '" + load.run() + "-poison-%'") == POISON,
                "every parked event applied once redriven");
        Duration redriven = Duration.ofNanos(System.nanoTime() - redriveStarted);
        awaitWithin(() -> TestServer.count("select count(*) from event_infra.dead_letters where consumer = 'probea'"
                + " and status = 'RESOLVED' and stream_id like '" + load.run() + "-poison-%'") == POISON,
                "every dead letter resolved");

        ProbeLoad.Audit audit = load.audit();
        FaultReport.row("a burst of " + POISON + " poison events (1 stream each) at one consumer",
                STEADY_RATE + "/s good events offered for " + STEADY_SECONDS + " s meanwhile, " + SESSIONS
                        + " sessions per consumer", audit,
                "good events' delay at the poisoned consumer: p99 " + goodDelay + ", max " + goodMax,
                "all parked after " + FaultScenario.seconds(allParked) + "; one retry-all applied them in "
                        + FaultScenario.seconds(redriven));
        load.assertEveryCommittedEventAppliedOnce(List.of());
    }

    /** Publishes the poison, one event per stream, from a few clients; their ids. */
    private static List<String> publishPoison(String run) throws Exception {
        List<Callable<String>> publishes = new ArrayList<>();
        for (int i = 0; i < POISON; i++) {
            String stream = run + "-poison-" + i;
            publishes.add(() -> DeliveryIT.publish(stream, "poison-probe_a"));
        }
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<String> ids = new ArrayList<>();
            for (Future<String> id : clients.invokeAll(publishes)) {
                ids.add(id.get());
            }
            return ids;
        } finally {
            clients.shutdown();
        }
    }

    private static long parked(String run) throws Exception {
        return TestServer.count("select count(*) from event_infra.dead_letters where consumer = 'probea'"
                + " and status = 'PARKED' and stream_id like '" + run + "-poison-%'");
    }

    private static boolean steadyDone(String run) throws Exception {
        return TestServer.json(TestServer.get(TestServer.http("/delivery-probe/load/" + run))).getBoolean("done");
    }

    private static void awaitWithin(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("within " + PATIENCE + ": " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
