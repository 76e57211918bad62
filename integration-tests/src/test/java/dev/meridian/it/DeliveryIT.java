package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery in the deployed server: a probe module publishes on its topic, two probe modules consume it (each with
 * two sessions) and keep a projection. Every handler records what it was given without deduplicating, so a
 * doubled or lost delivery shows in their tables.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryIT {

    static final HttpClient HTTP = TestServer.HTTP;
    static final List<String> CONSUMER_SCHEMAS = List.of("probe_a", "probe_b");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    // a topic a deployment declares lives at a "jms.topic." address; the real module topics at "meridian.*"
    private static final String PROBE_TOPIC_ADDRESS = "jms.topic.meridian.probe.events";
    private static final String ALLOWED = "allowed";

    @Deployment(testable = false)
    static EnterpriseArchive meridianWithDeliveryProbes() {
        return DeliveryProbes.withDeliveryProbes(TestServer.meridianEar(), CONSUMER_SCHEMAS);
    }

    @Test
    void everyEventReachesEveryConsumerOnceAndInStreamOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int streams = 20;
        int eventsPerStream = 25;
        List<Callable<String>> publishes = new ArrayList<>();
        for (int i = 0; i < eventsPerStream; i++) {
            for (int s = 0; s < streams; s++) {
                String stream = "load" + run + "-" + s;
                int n = i;
                publishes.add(() -> publish(stream, "event " + n));
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<String> published = new ArrayList<>();
        try {
            for (Future<String> id : clients.invokeAll(publishes)) {
                published.add(id.get());
            }
        } finally {
            clients.shutdown();
        }

        for (String schema : CONSUMER_SCHEMAS) {
            eventually(() -> count(schema, "stream_id like 'load" + run + "-%'") >= published.size(),
                    schema + " applied all " + published.size() + " events");
            assertAppliedOnceInStreamOrder(schema, "load" + run + "-%", published);
        }
    }

    /**
     * Checks that the consumer of {@code schema} applied exactly {@code eventIds} on the streams matching
     * {@code streamPattern} (SQL like), each once, and each stream in version order.
     */
    static void assertAppliedOnceInStreamOrder(String schema, String streamPattern, Collection<String> eventIds)
            throws SQLException {
        Map<String, Integer> timesApplied = new HashMap<>();
        Map<String, List<Long>> versionsInApplyOrder = new HashMap<>();
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement("select event_id, stream_id, stream_version from "
                     + schema + ".applied where stream_id like ? order by id")) {
            query.setString(1, streamPattern);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    timesApplied.merge(rows.getString(1), 1, Integer::sum);
                    versionsInApplyOrder.computeIfAbsent(rows.getString(2), s -> new ArrayList<>())
                            .add(rows.getLong(3));
                }
            }
        }
        // sets, not AssertJ's containsExactlyInAnyOrder: that compares every pair, minutes for a fault run's events
        Set<String> missing = new HashSet<>(eventIds);
        missing.removeAll(timesApplied.keySet());
        Set<String> extra = new HashSet<>(timesApplied.keySet());
        extra.removeAll(new HashSet<>(eventIds));
        assertThat(missing).as(schema + ": none missing").isEmpty();
        assertThat(extra).as(schema + ": none extra").isEmpty();
        assertThat(timesApplied.values()).as(schema + ": none doubled").allMatch(times -> times == 1);
        versionsInApplyOrder.forEach((stream, versions) ->
                assertThat(versions).as(schema + ": order of " + stream).isSorted());
    }

    @Test
    void aRelayResendingWhatTheBrokerAlreadyHoldsCarriesOnWithoutDoubling() throws Exception {
        String stream = "resent-" + UUID.randomUUID().toString().substring(0, 8);
        String first = publish(stream, "already on the broker");
        eventually(() -> count("probe_a", "stream_id = '" + stream + "'") == 1, "the first event delivered");
        // what a crash between the broker commit and the checkpoint's move leaves behind
        try (Connection db = TestServer.database();
             PreparedStatement rewind = db.prepareStatement("update event_infra.relay_checkpoints"
                     + " set position = coalesce((select max(global_position) from event_infra.events"
                     + " where global_position < (select global_position from event_infra.events"
                     + " where event_id = ?::uuid)), 0) where topic = 'meridian.probe.events'")) {
            rewind.setString(1, first);
            assertThat(rewind.executeUpdate()).isEqualTo(1);
        }

        String second = publish(stream, "new");

        for (String schema : CONSUMER_SCHEMAS) {
            eventually(() -> count(schema, "stream_id = '" + stream + "'") == 2, schema + " got the new event");
            assertAppliedOnceInStreamOrder(schema, stream, List.of(first, second));
        }
    }

    @Test
    void deliveryReportsItsLagInReadinessAndItsCountsAsMetrics() throws Exception {
        String stream = "observed-" + UUID.randomUUID().toString().substring(0, 8);
        publish(stream, "counted");
        eventually(() -> count("probe_a", "stream_id = '" + stream + "'") == 1, "delivered");

        JsonObject delivery = TestServer.healthCheck(
                TestServer.json(TestServer.get(TestServer.management("/health/ready"))), "delivery");
        assertThat(delivery.getString("status")).isEqualTo("UP");
        assertThat(delivery.getJsonObject("data").keySet())
                .contains("relay.meridian.probe.events.lag", "projection.notes-probe_a.lag");

        List<String> metrics = TestServer.get(TestServer.management("/prometheus")).body().lines().toList();
        assertThat(metrics).anyMatch(line -> line.startsWith("meridian_relay_published_total{")
                && line.contains("topic=\"meridian.probe.events\"") && line.contains("type=\"probe.Published\""));
        assertThat(metrics).anyMatch(line -> line.startsWith("meridian_delivery_delivered_total{")
                && line.contains("consumer=\"probea\""));
        assertThat(metrics).anyMatch(line -> line.startsWith("meridian_delivery_latency_seconds_count{")
                && line.contains("consumer=\"probeb\""));
        assertThat(metrics).anyMatch(line -> line.startsWith("meridian_projection_lag{")
                && line.contains("projection=\"notes-probe_a\""));
    }

    @Test
    void everyCommitWakesTheRelayAndTheProjectionsOfItsTypes() throws Exception {
        // without the committed types in the signal, events would still arrive, only at the next poll
        double relayWakeUpsBefore = relayWakeUps();
        double projectionWakeUpsBefore = projectionWakeUps();
        String stream = "woken-" + UUID.randomUUID().toString().substring(0, 8);
        for (int commit = 0; commit < 3; commit++) {
            publish(stream, "commit-" + commit);
        }
        eventually(() -> count("probe_a", "stream_id = '" + stream + "'") == 3, "delivered");

        assertThat(relayWakeUps()).isGreaterThanOrEqualTo(relayWakeUpsBefore + 3);
        assertThat(projectionWakeUps()).isGreaterThanOrEqualTo(projectionWakeUpsBefore + 3);
    }

    @Test
    void aPoisonEventIsParkedWithoutHoldingUpOtherStreamsAndIsAppliedOnceAfterRedrive() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poisoned = "poisoned-" + run;
        String healthy = "healthy-" + run;
        String poisonId = publish(poisoned, "poison-probe_a");
        String after1 = publish(poisoned, "after 1");
        String after2 = publish(poisoned, "after 2");
        publish(healthy, "fine");

        eventually(() -> count("probe_a", "stream_id = '" + healthy + "'") == 1, "another stream kept flowing");
        eventually(() -> count("probe_b", "stream_id = '" + poisoned + "'") == 3, "the other consumer took it all");
        JsonObject parked = eventuallyFound("consumer=probea&status=PARKED&q=" + run, 1).get(0);
        assertThat(parked.getString("eventId")).isEqualTo(poisonId);
        assertThat(parked.getInt("attempts")).isEqualTo(4);
        assertThat(parked.getString("error")).contains("cannot take this event yet");
        List<JsonObject> waiting = eventuallyFound("consumer=probea&status=WAITING&q=" + run, 2);
        assertThat(waiting).extracting(row -> row.getString("eventId")).containsExactlyInAnyOrder(after1, after2);
        assertThat(count("probe_a", "stream_id = '" + poisoned + "'")).as("later events wait behind it").isZero();

        JsonObject detail = TestServer.json(admin("GET", "/dead-letters/" + parked.getString("id"), null));
        assertThat(detail.getJsonObject("payload").getString("note")).isEqualTo("poison-probe_a");
        assertThat(detail.getString("stackTrace")).contains("IllegalStateException");
        assertThat(detail.getJsonArray("history").getJsonObject(0).getString("action")).isEqualTo("PARKED");

        heal("probe_a");
        assertThat(admin("POST", "/dead-letters/" + parked.getString("id") + "/retry", "").statusCode())
                .isEqualTo(202);

        eventually(() -> count("probe_a", "stream_id = '" + poisoned + "'") == 3, "redriven in stream order");
        assertThat(notesInApplyOrder("probe_a", poisoned)).containsExactly("poison-probe_a", "after 1", "after 2");
        eventually(() -> TestServer.json(admin("GET", "/dead-letters/" + parked.getString("id"), null))
                .getString("status").equals("RESOLVED"), "the dead letter resolved");
        JsonObject resolved = TestServer.json(admin("GET", "/dead-letters/" + parked.getString("id"), null));
        assertThat(resolved.getJsonArray("history").getJsonObject(1).getString("actor")).isEqualTo("ops@meridian.dev");
    }

    @Test
    void eventsAppendedTogetherStayInOrderAndAPoisonAmongThemIsParkedAlone() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String stream = "together-" + run;
        // one append, one broker transaction: the consumers are likely to take the three in one batch
        List<String> ids = publish(stream, "first", "poison-probe_b", "third");

        eventually(() -> count("probe_a", "stream_id = '" + stream + "'") == 3, "probe_a took all three");
        assertAppliedOnceInStreamOrder("probe_a", stream, ids);
        JsonObject parked = eventuallyFound("consumer=probeb&status=PARKED&q=" + run, 1).get(0);
        assertThat(parked.getString("eventId")).isEqualTo(ids.get(1));
        assertThat(eventuallyFound("consumer=probeb&status=WAITING&q=" + run, 1))
                .extracting(row -> row.getString("eventId")).containsExactly(ids.get(2));
        assertThat(notesInApplyOrder("probe_b", stream)).as("applied before the poison, once").containsExactly("first");
    }

    @Test
    void concurrentBatchesWithoutAVersionCheckToOneStreamAllLandWhole() throws Exception {
        String stream = "raced-" + UUID.randomUUID().toString().substring(0, 8);
        double racesBefore = TestServer.counter("meridian_events_head_races_total", "category=\"raced\"");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<List<String>>> appends = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 40; i++) {
                String pair = "pair" + i;
                // two events per append take the batch statement, which retries behind a savepoint in the server
                appends.add(clients.submit(() -> {
                    start.await();
                    return publish(stream, pair + "-first", pair + "-second");
                }));
            }
            start.countDown();
            List<List<String>> pairs = new ArrayList<>();
            for (Future<List<String>> append : appends) {
                pairs.add(append.get());
            }

            List<String> storedInOrder = strings("select event_id from event_infra.events where stream_id = '"
                    + stream + "' order by stream_version");
            assertThat(strings("select string_agg(stream_version::text, ',' order by stream_version)"
                    + " from event_infra.events where stream_id = '" + stream + "'"))
                    .containsExactly(String.join(",", java.util.stream.IntStream.rangeClosed(1, 80)
                            .mapToObj(Integer::toString).toList()));
            assertThat(storedInOrder).containsAll(pairs.stream().flatMap(List::stream).toList());
            for (List<String> pair : pairs) {
                int first = storedInOrder.indexOf(pair.get(0));
                assertThat(storedInOrder.get(first + 1)).as("an append stays together").isEqualTo(pair.get(1));
            }
            assertThat(TestServer.counter("meridian_events_head_races_total", "category=\"raced\""))
                    .as("appends must have raced for the test to mean anything").isGreaterThan(racesBefore);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aDiscardedDeadLetterKeepsItsReasonAndReleasesItsStream() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String stream = "discarded-" + run;
        publish(stream, "poison-probe_b");
        publish(stream, "next");
        JsonObject parked = eventuallyFound("consumer=probeb&status=PARKED&q=" + run, 1).get(0);

        assertThat(admin("POST", "/dead-letters/" + parked.getString("id") + "/discard", "{}").statusCode())
                .as("a reason is required").isEqualTo(400);
        assertThat(admin("POST", "/dead-letters/" + parked.getString("id") + "/discard",
                "{\"reason\":\"sent by mistake\"}").statusCode()).isEqualTo(204);

        eventually(() -> count("probe_b", "stream_id = '" + stream + "'") == 1, "the next event released");
        assertThat(notesInApplyOrder("probe_b", stream)).containsExactly("next");
        JsonObject discarded = TestServer.json(admin("GET", "/dead-letters/" + parked.getString("id"), null));
        assertThat(discarded.getString("status")).isEqualTo("DISCARDED");
        JsonObject action = discarded.getJsonArray("history").getJsonObject(1);
        assertThat(action.getString("action")).isEqualTo("DISCARDED");
        assertThat(action.getString("reason")).isEqualTo("sent by mistake");
        assertThat(action.getString("actor")).isEqualTo("ops@meridian.dev");
    }

    @Test
    void deadLettersAreSortedSearchedLiterallyCountedAndRetriedByTheSameFilter() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            eventIds.add(publish("sorted-" + run + "-" + i, "poison-probe_b"));
            // apart in time, so the order by time is the order of publishing
            eventuallyFound("consumer=probeb&status=PARKED&q=" + run, i + 1);
        }

        List<JsonObject> newest = eventuallyFound("consumer=probeb&q=SORTED-" + run.toUpperCase(), 3);
        List<String> newestFirst = new ArrayList<>(eventIds);
        Collections.reverse(newestFirst);
        assertThat(newest).extracting(row -> row.getString("eventId")).containsExactlyElementsOf(newestFirst);
        List<JsonObject> oldest = eventuallyFound("consumer=probeb&sort=createdAt&q=sorted-" + run, 3);
        assertThat(oldest).extracting(row -> row.getString("eventId")).containsExactlyElementsOf(eventIds);
        JsonObject page = TestServer.json(admin("GET", "/dead-letters?q=" + run + "&size=2", null));
        assertThat(page.getJsonArray("items")).hasSize(2);
        assertThat(page.getJsonNumber("total").longValue()).isEqualTo(3);
        assertThat(page.getBoolean("totalExact")).isTrue();
        assertThat(TestServer.json(admin("GET", "/dead-letters/count?status=PARKED&q=" + run, null))
                .getJsonNumber("count").longValue()).isEqualTo(3);

        // "%" and "_" are themselves in the search, not wildcards
        assertThat(found("q=sorted-" + run + "%25")).isEmpty();
        assertThat(found("q=sorted_" + run)).isEmpty();
        HttpResponse<String> tooShort = admin("GET", "/dead-letters?q=ab", null);
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(tooShort).getJsonArray("violations").getJsonObject(0).getString("field"))
                .isEqualTo("q");
        assertThat(admin("GET", "/dead-letters?sort=attempts", null).statusCode()).isEqualTo(400);

        HttpResponse<String> retried = admin("POST", "/dead-letters/retry",
                "{\"consumer\":\"probeb\",\"q\":\"sorted-" + run + "\"}");
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(TestServer.json(retried).getInt("count")).isEqualTo(3);
        for (JsonObject letter : newest) {
            // probe_b is never healed: each retry fails again, and says who tried
            eventually(() -> TestServer.json(admin("GET", "/dead-letters/" + letter.getString("id"), null))
                    .getJsonArray("history").size() == 2, "the retry recorded");
            JsonObject action = TestServer.json(admin("GET", "/dead-letters/" + letter.getString("id"), null))
                    .getJsonArray("history").getJsonObject(1);
            assertThat(action.getString("action")).isEqualTo("RETRY_FAILED");
            assertThat(action.getString("actor")).isEqualTo("ops@meridian.dev");
        }
    }

    @Test
    void messagesWhoseEventIsNotInTheStoreAreRefusedAndHoldUpNothing() throws Exception {
        String stream = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        String otherStream = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        String subscription = "forger-" + UUID.randomUUID();
        double refusedBefore = refused("probea") + refused("probeb");
        try (ActiveMQConnectionFactory core = new ActiveMQConnectionFactory("tcp://localhost:"
                + TestServer.property("meridian.test.http.port")
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor");
             JMSContext observer = core.createContext(TestServer.property("meridian.broker.user"),
                     TestServer.property("meridian.broker.password"));
             // the server's own account, which may send: a forger who has its password
             JMSContext forger = core.createContext(TestServer.property("meridian.broker.user"),
                     TestServer.property("meridian.broker.password"))) {
            JMSConsumer topic = observer.createSharedDurableConsumer(observer.createTopic(PROBE_TOPIC_ADDRESS),
                    subscription);
            String genuineId = publish(stream, "genuine");
            Message genuine = topic.receive(30_000);
            assertThat(genuine).as("the genuine message to forge from").isNotNull();
            String body = genuine.getBody(String.class);
            // copies of a genuine message: one for an event nobody appended, one claiming the genuine event for
            // another stream
            forge(forger, genuine, body.replace(genuineId, UUID.randomUUID().toString())
                    .replace("genuine", "forged"), stream);
            forge(forger, genuine, body.replace(stream, otherStream).replace("genuine", "moved"), otherStream);
            topic.close();
            observer.unsubscribe(subscription);
        }

        // the copy with a new id is refused; the one claiming the genuine id meets its inbox row and is skipped
        eventually(() -> refused("probea") + refused("probeb") == refusedBefore + 2,
                "the forgery of an event nobody appended refused at both consumers");
        publish(stream, "after the forgeries");
        for (String schema : CONSUMER_SCHEMAS) {
            eventually(() -> notesInApplyOrder(schema, stream).size() == 2, schema + " applied the next event");
            assertThat(notesInApplyOrder(schema, stream)).as(schema).containsExactly("genuine", "after the forgeries");
            assertThat(count(schema, "stream_id = '" + otherStream + "'")).as(schema).isZero();
        }
        assertThat(found("q=" + stream)).as("refusals are not parked: they would hold up the stream").isEmpty();
    }

    private static void forge(JMSContext forger, Message genuine, String body, String stream) throws Exception {
        TextMessage forged = forger.createTextMessage(body);
        forged.setStringProperty("eventType", genuine.getStringProperty("eventType"));
        forged.setStringProperty("correlationId", genuine.getStringProperty("correlationId"));
        forged.setStringProperty("streamId", stream);
        forged.setStringProperty("JMSXGroupID", stream);
        forged.setIntProperty("eventVersion", genuine.getIntProperty("eventVersion"));
        forger.createProducer().send(forger.createTopic(PROBE_TOPIC_ADDRESS), forged);
    }

    private static double refused(String consumer) throws Exception {
        return TestServer.counter("meridian_delivery_unstored_events_total", "consumer=\"" + consumer + "\"");
    }

    @Test
    void deadLettersOfAConsumerThisServerDoesNotRunAreRefusedAndLeftAsTheyWere() throws Exception {
        // as a server of an older deployment, or one with fewer modules, would have left them
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.randomUUID();
        try (Connection db = TestServer.database(); PreparedStatement insert = db.prepareStatement("""
                insert into event_infra.dead_letters (id, consumer, event_id, event_type, event_version, stream_id,
                    stream_version, global_position, occurred_at, envelope, error, attempts, status)
                values (?, 'retiredmodule', gen_random_uuid(), 'probe.Published', 1, ?, 1, 1, now(),
                    jsonb_build_object('streamId', ?::text, 'payload', jsonb_build_object('note', 'left-behind')),
                    'failed', 4, 'PARKED')
                """)) {
            insert.setObject(1, id);
            insert.setString(2, "retired-" + run);
            insert.setString(3, "retired-" + run);
            insert.executeUpdate();
        }
        try {
            int historyBefore = TestServer.json(admin("GET", "/dead-letters/" + id, null))
                    .getJsonArray("history").size();

            HttpResponse<String> one = admin("POST", "/dead-letters/" + id + "/retry", null);
            HttpResponse<String> matching = admin("POST", "/dead-letters/retry",
                    "{\"consumer\":\"retiredmodule\",\"q\":\"retired-" + run + "\"}");
            HttpResponse<String> discard = admin("POST", "/dead-letters/" + id + "/discard",
                    "{\"reason\":\"module retired\"}");

            assertThat(TestServer.json(admin("GET", "/dead-letters/count?consumer=retiredmodule&q=retired-" + run, null))
                    .getJsonNumber("count").longValue()).as("the filter finds it").isEqualTo(1);
            for (HttpResponse<String> refused : List.of(one, matching, discard)) {
                assertThat(refused.statusCode()).isEqualTo(409);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(TestServer.json(refused).getString("detail"))
                        .isEqualTo("Consumer retiredmodule does not run in this server");
            }
            JsonObject after = TestServer.json(admin("GET", "/dead-letters/" + id, null));
            assertThat(after.getString("status")).isEqualTo("PARKED");
            assertThat(after.getJsonArray("history")).hasSize(historyBefore);
        } finally {
            try (Connection db = TestServer.database();
                 PreparedStatement delete = db.prepareStatement("delete from event_infra.dead_letters where id = ?")) {
                delete.setObject(1, id);
                delete.executeUpdate();
            }
        }
    }

    @Test
    void theDeliveryOverviewShowsRelaysParkedEventsAndRetriesPerConsumer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        publish("overview-" + run, "poison-probe_b");
        eventuallyFound("consumer=probeb&status=PARKED&q=overview-" + run, 1);

        HttpResponse<String> answer = admin("GET", "/delivery", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject overview = TestServer.json(answer);
        JsonObject relay = overview.getJsonArray("relays").getValuesAs(JsonObject.class).stream()
                .filter(candidate -> candidate.getString("topic").equals("meridian.probe.events")).findFirst()
                .orElseThrow();
        assertThat(relay.getJsonNumber("relayedTotal").longValue()).isPositive();
        assertThat(relay.getJsonNumber("lag").longValue()).isNotNegative();
        JsonObject probeB = overview.getJsonArray("consumers").getValuesAs(JsonObject.class).stream()
                .filter(candidate -> candidate.getString("consumer").equals("probeb")).findFirst().orElseThrow();
        long parkedNow = TestServer.json(admin("GET", "/dead-letters/count?consumer=probeb&status=PARKED", null))
                .getJsonNumber("count").longValue();
        assertThat(probeB.getJsonNumber("parked").longValue()).isEqualTo(parkedNow).isPositive();
        assertThat(probeB.getJsonNumber("parkedLast24h").longValue()).isPositive();
        // every parked event was tried again before it was parked
        assertThat(probeB.getJsonNumber("retriesSinceStart").longValue()).isGreaterThanOrEqualTo(3);

        HttpResponse<String> user = HTTP.send(HttpRequest.newBuilder(TestServer.http("/admin/api/delivery"))
                .header("Authorization", "Bearer " + TestTokens.tokenFor("someone@meridian.dev", "user"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(user.statusCode()).isEqualTo(403);
    }

    @Test
    void forgettingSomeoneErasesTheirPersonalDataFromTheDeadLetters() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID subject = UUID.randomUUID();
        String secret = "secret-" + run;
        HttpResponse<String> confided = HTTP.send(HttpRequest.newBuilder(TestServer.http(
                "/delivery-probe/confidences?stream=confided-" + run + "&subject=" + subject + "&secret=" + secret))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confided.statusCode()).as(confided.body()).isEqualTo(200);
        List<JsonObject> parked = eventuallyFound("status=PARKED&q=" + secret, 2);
        JsonObject before = TestServer.json(admin("GET", "/dead-letters/" + parked.get(0).getString("id"), null));
        assertThat(before.getJsonObject("payload").getString("secret")).isEqualTo(secret);
        assertThat(before.getString("error")).contains(secret);

        HttpResponse<String> forgotten = HTTP.send(HttpRequest.newBuilder(TestServer.http(
                "/delivery-probe/confidences/" + subject)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forgotten.statusCode()).as(forgotten.body()).isEqualTo(204);

        for (JsonObject letter : parked) {
            JsonObject after = TestServer.json(admin("GET", "/dead-letters/" + letter.getString("id"), null));
            assertThat(after.getString("status")).as("still parked, for a redrive").isEqualTo("PARKED");
            assertThat(after.getJsonObject("payload").isNull("secret")).as(after.toString()).isTrue();
            assertThat(after.getJsonObject("payload").getString("subject")).isEqualTo(subject.toString());
            assertThat(after.getString("error")).contains("[erased]").doesNotContain(secret);
            assertThat(after.getString("stackTrace")).doesNotContain(secret);
            JsonObject erasure = after.getJsonArray("history").getValuesAs(JsonObject.class)
                    .get(after.getJsonArray("history").size() - 1);
            assertThat(erasure.getString("action")).isEqualTo("ERASED");
            assertThat(erasure.getString("actor")).isEqualTo("erasure");
        }
        assertThat(found("q=" + secret)).isEmpty();
        assertThat(DatabaseScan.columnsContaining(secret)).as("the columns holding the secret").isEmpty();
    }

    @Test
    void aProjectionRebuiltFromScratchEndsIdenticalToTheOneBuiltLive() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 30; i++) {
            publish("rebuilt" + run + "-" + (i % 3), "note " + i);
        }
        eventually(() -> lagOf("notes-probe_a") == 0 && count("probe_a", "stream_id like 'rebuilt" + run + "%'") == 30,
                "the projection caught up live");
        List<String> live = view("probe_a");

        assertThat(admin("POST", "/projections/notes-probe_a/rebuild", "").statusCode()).isEqualTo(202);
        eventually(() -> {
            JsonObject status = TestServer.json(admin("GET", "/projections/notes-probe_a", null));
            return status.getString("state").equals("LIVE") && status.getJsonNumber("lag").longValue() == 0;
        }, "the rebuild finished");

        assertThat(view("probe_a")).isEqualTo(live);
        assertThat(strings("select distinct planned_as from probe_a.notes_view where stream_id like 'rebuilt" + run
                + "%'")).as("how the projection's own statements were planned, live and rebuilding")
                .containsExactly("auto");
        JsonObject status = TestServer.json(admin("GET", "/projections/notes-probe_a", null));
        assertThat(status.getJsonNumber("rebuildDone").longValue())
                .isEqualTo(status.getJsonNumber("rebuildTotal").longValue()).isGreaterThanOrEqualTo(30);
        assertThat(status.getString("rebuiltBy")).isEqualTo("ops@meridian.dev");
        JsonObject audited = TestServer.jsonArray(admin("GET", "/projections/notes-probe_a/rebuilds", null))
                .getJsonObject(0);
        assertThat(audited.getString("requestedBy")).isEqualTo("ops@meridian.dev");
        assertThat(audited.getJsonNumber("eventsToReplay").longValue())
                .isEqualTo(status.getJsonNumber("rebuildTotal").longValue());
        assertThat(admin("GET", "/projections/no-such-projection/rebuilds", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRebuildPassesOldGapsWithoutWaitingForTransactionsRunningNow() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = TestServer.database(); Statement gap = db.createStatement()) {
            // a position drawn and never used: an old gap once the events after it are delivered
            gap.execute("select nextval('event_infra.global_position_seq')");
        }
        publish("oldgap-" + run, "after the gap");
        eventually(() -> lagOf("notes-probe_a") == 0 && count("probe_a", "stream_id = 'oldgap-" + run + "'") == 1,
                "delivered past the gap");

        try (Connection running = TestServer.database()) {
            // a transaction holding an id, younger than the gap: it cannot own it, but nothing says so but the
            // positions the relays have passed, which the rebuild goes by
            running.setAutoCommit(false);
            try (Statement takeAnId = running.createStatement()) {
                takeAnId.execute("select pg_current_xact_id()");
            }
            assertThat(admin("POST", "/projections/notes-probe_a/rebuild", "").statusCode()).isEqualTo(202);
            eventually(() -> TestServer.json(admin("GET", "/projections/notes-probe_a", null)).getString("state")
                    .equals("LIVE"), "the rebuild finished while the transaction still runs");
            running.rollback();
        }
        assertThat(view("probe_a")).anyMatch(row -> row.startsWith("oldgap-" + run + ":1:after the gap:"));
    }

    /**
     * A subscriber's account may follow the module topics at their documented addresses, but the addresses the
     * modules receive from are out of its reach: it could otherwise take a module's events away from it, delete its
     * subscription with whatever it holds, or read the probe topic of a deployment. Tried as a JMS client would (a
     * shared durable subscription of a module's name, and one of its own) and with the broker's core API straight on
     * the modules' queues.
     */
    @Test
    void aSubscriberCanNeitherReadNorDeleteNorTakeAModulesSubscription() throws Exception {
        List<String> modules = List.of("auth", "user", "notification", "analytics");
        String url = "tcp://localhost:" + TestServer.property("meridian.test.http.port")
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";
        String user = TestServer.property("meridian.subscriber.user");
        String password = TestServer.property("meridian.subscriber.password");
        Map<String, String> refusals = new TreeMap<>();
        List<String> existing = new ArrayList<>();
        try (ActiveMQConnectionFactory jms = new ActiveMQConnectionFactory(url);
             JMSContext subscriber = jms.createContext(user, password);
             ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory sessions = locator.createSessionFactory();
             ClientSession core = sessions.createSession(user, password, false, true, true, false, 1)) {
            for (String publisher : modules) {
                String address = "jms.topic.meridian." + publisher + ".events";
                refusals.put("subscribe to " + address, refusal(() -> subscriber.createSharedDurableConsumer(
                        subscriber.createTopic(address), "outside-" + UUID.randomUUID()).close()));
                refusals.put("listen to " + address, refusal(() -> subscriber.createConsumer(
                        subscriber.createTopic(address)).close()));
                for (String consumer : modules) {
                    String subscription = "meridian." + publisher + ".events." + consumer;
                    refusals.put("subscribe as " + subscription, refusal(() -> subscriber.createSharedDurableConsumer(
                            subscriber.createTopic(address), subscription).close()));
                    // the queue name the JMS client makes of a shared subscription's name
                    SimpleString queue = SimpleString.of(subscription.replace(".", "\\."));
                    if (core.queueQuery(queue).isExists()) {
                        existing.add(subscription);
                        refusals.put("consume " + subscription, refusal(() -> core.createConsumer(queue).close()));
                        refusals.put("delete " + subscription, refusal(() -> core.deleteQueue(queue)));
                    }
                }
            }
            refusals.put("read the probe topic", refusal(() -> subscriber.createConsumer(
                    subscriber.createTopic(PROBE_TOPIC_ADDRESS)).close()));
        }
        assertThat(existing).as("the modules' subscriptions the attack met").isNotEmpty();
        assertThat(refusals).as("a subscriber reaching where the modules receive")
                .allSatisfy((attempt, refusal) -> assertThat(refusal).contains("does not have permission"));
    }

    /** What refused {@code attempt}, or {@link #ALLOWED}. */
    private static String refusal(Attempt attempt) {
        try {
            attempt.run();
            return ALLOWED;
        } catch (JMSRuntimeException | ActiveMQException refused) {
            return refused.getMessage();
        }
    }

    /** Something a broker client tries. */
    private interface Attempt {
        void run() throws ActiveMQException;
    }

    /** No broker account is fixed at build time: the launcher or the operator makes each one for a server. */
    @Test
    void theProvisionedServerComesWithoutBrokerAccounts() throws IOException {
        Path configuration = Path.of(TestServer.property("meridian.server.home"), "standalone", "configuration");
        for (String realmFile : List.of("application-users.properties", "application-roles.properties")) {
            assertThat(Files.readAllLines(configuration.resolve(realmFile))).as(realmFile)
                    .allMatch(line -> line.isBlank() || line.startsWith("#"));
        }
    }

    @Test
    void theAdminApiNeedsTheAdminRoleAndValidParameters() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(TestServer.http("/admin/api/dead-letters"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> user = HTTP.send(HttpRequest.newBuilder(TestServer.http("/admin/api/dead-letters"))
                .header("Authorization", "Bearer " + TestTokens.tokenFor("someone@meridian.dev", "user"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(user.statusCode()).isEqualTo(403);

        HttpResponse<String> expired = HTTP.send(HttpRequest.newBuilder(TestServer.http("/admin/api/dead-letters"))
                .header("Authorization", "Bearer " + TestTokens.expiredTokenFor("ops@meridian.dev", "admin"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> badSize = admin("GET", "/dead-letters?size=100000", null);
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(badSize).getJsonArray("violations").getJsonObject(0).getString("field"))
                .isEqualTo("size");
        assertThat(admin("GET", "/dead-letters?status=LOST", null).statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/dead-letters/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
    }

    static String publish(String stream, String note) throws IOException, InterruptedException {
        return publish(stream, new String[] {note}).get(0);
    }

    /** Appends one event per note to the stream in one transaction; returns their ids in order. */
    static List<String> publish(String stream, String... notes) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/delivery-probe/publish?stream=" + stream);
        for (String note : notes) {
            query.append("&note=").append(note.replace(" ", "%20"));
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(TestServer.http(query.toString()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return List.of(response.body().split("\n"));
    }

    static HttpResponse<String> admin(String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.http("/admin/api" + path))
                .header("Authorization", "Bearer " + TestTokens.tokenFor("ops@meridian.dev", "admin"));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonObject> found(String query) throws Exception {
        HttpResponse<String> page = admin("GET", "/dead-letters?" + query, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return TestServer.json(page).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> eventuallyFound(String query, int expected) throws Exception {
        List<List<JsonObject>> found = new ArrayList<>();
        eventually(() -> {
            List<JsonObject> items = found(query);
            found.add(items);
            return items.size() == expected;
        }, expected + " dead letters matching " + query);
        return found.get(found.size() - 1);
    }

    private static double relayWakeUps() throws Exception {
        return TestServer.counter("meridian_relay_wakeups_total", "topic=\"meridian.probe.events\"");
    }

    private static double projectionWakeUps() throws Exception {
        return TestServer.counter("meridian_projection_wakeups_total", "projection=\"notes-probe_a\"");
    }

    private static long lagOf(String projection) throws Exception {
        return TestServer.json(admin("GET", "/projections/" + projection, null)).getJsonNumber("lag").longValue();
    }

    private static void heal(String schema) throws SQLException {
        try (Connection db = TestServer.database();
             PreparedStatement insert = db.prepareStatement("insert into " + schema + ".healed default values")) {
            insert.executeUpdate();
        }
    }

    static long count(String schema, String where) throws SQLException {
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement("select count(*) from " + schema + ".applied where "
                     + where);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> notesInApplyOrder(String schema, String stream) throws SQLException {
        return strings("select note from " + schema + ".applied where stream_id = '" + stream + "' order by id");
    }

    private static List<String> view(String schema) throws SQLException {
        return strings("select stream_id || ':' || events || ':' || last_note || ':' || last_position from " + schema
                + ".notes_view order by stream_id");
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    static void eventually(Callable<Boolean> condition, String what) throws Exception {
        if (!eventuallyOrNot(condition)) {
            throw new AssertionError("Not within " + PATIENCE + ": " + what);
        }
    }

    /** Whether {@code condition} comes true within the patience of {@link #eventually}. */
    static boolean eventuallyOrNot(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
