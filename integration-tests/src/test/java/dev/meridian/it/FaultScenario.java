package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One fault scenario against the server on the tests' ports, under a steady load: {@value #RATE} appends a second
 * inside the server (the probe's load generator, so the rate does not depend on what HTTP clients on the same two
 * cores manage) and {@value #CLIENTS} HTTP clients appending through the probe's API, at most {@value #CLIENT_RATE}
 * a second each, whose answers are tallied. After {@link #STEADY} the fault is injected; once it is over, the
 * scenario measures how long until commands succeed again and every consumer has applied what was committed by
 * then, waits for the load to end, audits the run ({@link ProbeLoad#audit}), adds a row to the {@link FaultReport}
 * and asserts: no answer a 500, every request answered, only successes and 503s, and every committed event applied
 * once, in stream order, by every consumer and projection.
 *
 * @param name           the scenario, as the report names it
 * @param loadSeconds    how long the load runs; it must outlast the fault
 * @param api         what the API's answers must show of the fault
 */
record FaultScenario(String name, int loadSeconds, Api api) {

    /** What the API's answers show of a fault. */
    enum Api {
        /** Refused with 503s while it lasts: the database is gone for long enough that some request meets it. */
        REFUSES,
        /** Successes, and 503s if a request met it: a database restart of a second or two. */
        MAY_REFUSE,
        /** Nothing, only successes: the broker gone, which commands do not need. */
        UNAFFECTED
    }

    static final int RATE = 200;
    static final int CLIENTS = 2;
    /** Requests a second each HTTP client sends at most. */
    static final int CLIENT_RATE = 100;
    static final Duration STEADY = Duration.ofSeconds(15);
    static final Duration PATIENCE = Duration.ofSeconds(90);
    /** How long recovery may take before the scenario fails; the report shows how long it did take. */
    private static final Duration RECOVERY_PATIENCE = Duration.ofMinutes(3);
    static final int SERVICE_UNAVAILABLE = 503;

    /** What goes wrong, given the run under load; it returns once the fault is over. */
    interface Fault {
        void inject(ProbeLoad load) throws Exception;
    }

    /** What ends the fault whatever happened, as in a {@code finally}. */
    interface Cleanup {
        void run() throws Exception;
    }

    void run(Fault fault, Cleanup cleanup) throws Exception {
        ProbeLoad load = new ProbeLoad("fault" + UUID.randomUUID().toString().substring(0, 8));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Answers answers = new Answers();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Void>> loads = new ArrayList<>();
        String inServerRun = load.run() + "-server";
        startInServerLoad(inServerRun);
        for (int client = 0; client < CLIENTS; client++) {
            int number = client;
            loads.add(clients.submit(() -> load.publishThroughFaults(TestServer::http, number, CLIENT_RATE, loading,
                    acknowledged, answers, PATIENCE)));
        }
        Duration commandsBack;
        Duration deliveryBack;
        JsonObject offered;
        try {
            Thread.sleep(STEADY.toMillis());
            try {
                fault.inject(load);
            } finally {
                cleanup.run();
            }
            long over = System.nanoTime();
            long acknowledgedWhenOver = answers.count(200);
            long committedWhenOver = load.committedEvents();
            commandsBack = timeUntil(() -> answers.count(200) > acknowledgedWhenOver, over);
            deliveryBack = timeUntil(() -> load.appliedByEveryConsumer() >= committedWhenOver, over);
            offered = inServerLoadDone(inServerRun);
        } finally {
            loading.set(false);
            clients.shutdown();
        }
        assertThat(clients.awaitTermination(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS)).isTrue();
        for (Future<Void> client : loads) {
            client.get();
        }

        ProbeLoad.Audit audit = load.audit();
        String loadSummary = String.format("%d/s offered for %d s: %d appended, %d refused; %d HTTP clients at"
                + " up to %d/s", RATE, loadSeconds, offered.getJsonNumber("appended").longValue(),
                offered.getJsonNumber("failed").longValue(), CLIENTS, CLIENT_RATE);
        FaultReport.row(name, loadSummary, audit, answers.counts() + ", slowest " + seconds(answers.slowest()),
                "commands " + seconds(commandsBack) + ", delivery " + seconds(deliveryBack));
        assertThat(answers.count(500)).as("no answer is a 500: " + answers.firstBody(500)).isZero();
        assertThat(answers.count(Answers.NONE)).as("every request is answered within " + PATIENCE + ": "
                + answers.firstBody(Answers.NONE)).isZero();
        if (api == Api.UNAFFECTED) {
            assertThat(answers.counts().keySet()).as("the API did not notice: " + answers.counts() + "; the first"
                    + " refusal: " + answers.firstBody(SERVICE_UNAVAILABLE)).containsOnly(200);
        } else {
            assertThat(answers.counts().keySet()).as("only successes and 503s: " + answers.counts())
                    .isSubsetOf(200, SERVICE_UNAVAILABLE);
        }
        if (api == Api.REFUSES) {
            assertThat(answers.count(SERVICE_UNAVAILABLE)).as("the outage was answered 503").isPositive();
        }
        load.assertEveryCommittedEventAppliedOnce(acknowledged);
    }

    /** {@code duration} in seconds, to a tenth. */
    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1e3);
    }

    /** How long after {@code since} (a {@link System#nanoTime()}) {@code condition} came true. */
    private static Duration timeUntil(Callable<Boolean> condition, long since) throws Exception {
        long deadline = since + RECOVERY_PATIENCE.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("back to work within " + RECOVERY_PATIENCE + " of the fault's end")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private void startInServerLoad(String run) throws Exception {
        HttpResponse<String> started = TestServer.send(HttpRequest.newBuilder(TestServer.http(
                        "/delivery-probe/load?run=" + run + "&rate=" + RATE + "&seconds=" + loadSeconds
                                + "&streams=50"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    }

    /** The in-server load's progress once every append of it has ended. */
    private JsonObject inServerLoadDone(String run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(loadSeconds).plus(PATIENCE).toNanos();
        while (true) {
            JsonObject progress = TestServer.json(TestServer.get(TestServer.http("/delivery-probe/load/" + run)));
            if (progress.getBoolean("done")) {
                return progress;
            }
            assertThat(System.nanoTime()).as("the in-server load ended: " + progress).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** What the delivery auditor of the server on the tests' ports has cost so far, as a line of the report. */
    static void reportAuditCost(String over) throws Exception {
        Map<String, Double> metrics = new HashMap<>();
        TestServer.get(TestServer.management("/prometheus")).body().lines()
                .filter(line -> line.startsWith("meridian_delivery_audit"))
                .forEach(line -> metrics.merge(line.substring(0, line.indexOf(line.contains("{") ? '{' : ' ')),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum));
        double events = metrics.getOrDefault("meridian_delivery_audited_events_total", 0.0);
        double seconds = metrics.getOrDefault("meridian_delivery_audit_rounds_seconds_sum", 0.0);
        double rounds = metrics.getOrDefault("meridian_delivery_audit_rounds_seconds_count", 0.0);
        FaultReport.note(String.format("Delivery auditor over %s: %.0f events audited in %.0f rounds taking %.2f s in"
                + " all (%.1f µs per audited event, rounds included)", over, events, rounds, seconds,
                events == 0 ? 0 : seconds * 1e6 / events));
    }
}
