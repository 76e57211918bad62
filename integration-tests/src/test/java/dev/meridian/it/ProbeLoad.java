package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Appends through the probe publisher until a server goes away, and the checks the crash tests make afterwards:
 * what the store holds for a run, and whether every consumer applied and projected exactly that.
 *
 * @param run the prefix of the run's stream ids
 */
record ProbeLoad(String run) {

    private static final int STREAMS_PER_CLIENT = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * One client: appends to its own streams in turn through {@code server} (a path to URI on it) while
     * {@code loading}, or until the server stops answering; every acknowledged event id goes to {@code acknowledged}.
     */
    Void publishUntilRefused(Function<String, URI> server, int client, AtomicBoolean loading,
                             Set<String> acknowledged) throws InterruptedException {
        for (int n = 0; loading.get(); n++) {
            String stream = run + "-" + (client * STREAMS_PER_CLIENT + n % STREAMS_PER_CLIENT);
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.apply(
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

    /**
     * One client through a fault: appends as {@link #publishUntilRefused} does while {@code loading}, whatever the
     * answers, at most {@code perSecond} a second, waiting for each at most {@code patience}; every answer goes to
     * {@code answers}. Paced, because a client sending as fast as it is answered sent ten times as much while the
     * broker was away (the relay and consumers idle), and the backlog, not the fault, then set the recovery time.
     */
    Void publishThroughFaults(Function<String, URI> server, int client, int perSecond, AtomicBoolean loading,
                              Set<String> acknowledged, Answers answers, Duration patience)
            throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long begun = System.nanoTime();
        for (int n = 0; loading.get(); n++) {
            long due = begun + n * interval - System.nanoTime();
            if (due > 0) {
                TimeUnit.NANOSECONDS.sleep(due);
            }
            String stream = run + "-" + (client * STREAMS_PER_CLIENT + n % STREAMS_PER_CLIENT);
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.apply(
                                "/delivery-probe/publish?stream=" + stream + "&note=n" + n))
                        .timeout(patience).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.record(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - started));
                if (response.statusCode() == 200) {
                    acknowledged.add(response.body());
                } else {
                    // a refused client waits a little, as one honouring Retry-After would
                    Thread.sleep(100);
                }
            } catch (IOException noAnswer) {
                answers.record(Answers.NONE, noAnswer.toString(), Duration.ofNanos(System.nanoTime() - started));
            }
        }
        return null;
    }

    /**
     * Every acknowledged append is stored, and each consumer applied every stored event of the run exactly once, in
     * stream order, and projected each stream's events.
     */
    void assertEveryCommittedEventAppliedOnce(Collection<String> acknowledged) throws Exception {
        List<String> committed = storedEventIds();
        Set<String> notStored = new HashSet<>(acknowledged);
        notStored.removeAll(new HashSet<>(committed));
        assertThat(notStored).as("every acknowledged append is in the store").isEmpty();
        Map<String, Long> storedPerStream = countsPerStream(
                "select stream_id, count(*) from event_infra.events where stream_id like ? group by stream_id");
        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            DeliveryIT.eventually(() -> DeliveryIT.count(schema, "stream_id like '" + run + "-%'")
                    >= committed.size(), schema + " applied all " + committed.size() + " committed events");
            DeliveryIT.assertAppliedOnceInStreamOrder(schema, run + "-%", committed);
            DeliveryIT.eventually(() -> projectedEvents(schema) == committed.size(),
                    "the projection of " + schema + " counted every committed event");
            assertThat(projectedEventsPerStream(schema)).as(schema + ": the projection, per stream")
                    .isEqualTo(storedPerStream);
        }
    }

    /**
     * What an audit of the run found, before anything is asserted: the events committed, and summed over the
     * consumers, those not applied, applied more than once, and the streams applied out of order.
     */
    record Audit(long committed, long lost, long doubled, long outOfOrder) {
    }

    /** The audit of the run as it stands; {@link #assertEveryCommittedEventAppliedOnce} asserts the same. */
    Audit audit() throws Exception {
        long committed = committedEvents();
        DeliveryIT.eventuallyOrNot(() -> appliedByEveryConsumer() >= committed);
        long lost = 0;
        long doubled = 0;
        long outOfOrder = 0;
        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            String applied = "select event_id, stream_id, stream_version, id from " + schema + ".applied"
                    + " where stream_id like '" + run + "-%'";
            lost += TestServer.count("select count(*) from event_infra.events e where e.stream_id like '" + run
                    + "-%' and not exists (select 1 from " + schema + ".applied a where a.event_id = e.event_id)");
            doubled += TestServer.count("select count(*) - count(distinct event_id) from (" + applied + ") a");
            outOfOrder += TestServer.count("select count(distinct stream_id) from (select stream_id, stream_version,"
                    + " lag(stream_version) over (partition by stream_id order by id) previous from (" + applied
                    + ") a) s where stream_version < previous");
        }
        return new Audit(committed, lost, doubled, outOfOrder);
    }

    /** The events of the run in the store. */
    long committedEvents() throws SQLException {
        return TestServer.count("select count(*) from event_infra.events where stream_id like '" + run + "-%'");
    }

    /** The fewest events of the run any consumer has applied. */
    long appliedByEveryConsumer() throws SQLException {
        long fewest = Long.MAX_VALUE;
        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            fewest = Math.min(fewest, DeliveryIT.count(schema, "stream_id like '" + run + "-%'"));
        }
        return fewest;
    }

    /** How far each part had got: stored, and applied and projected by each consumer. */
    Map<String, Long> progress() throws SQLException {
        Map<String, Long> progress = new LinkedHashMap<>();
        progress.put("stored", (long) storedEventIds().size());
        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            progress.put(schema + " applied", DeliveryIT.count(schema, "stream_id like '" + run + "-%'"));
            progress.put(schema + " projected", projectedEvents(schema));
        }
        return progress;
    }

    private List<String> storedEventIds() throws SQLException {
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

    private long projectedEvents(String schema) throws SQLException {
        return projectedEventsPerStream(schema).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> projectedEventsPerStream(String schema) throws SQLException {
        return countsPerStream("select stream_id, events from " + schema + ".notes_view where stream_id like ?");
    }

    private Map<String, Long> countsPerStream(String sql) throws SQLException {
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
