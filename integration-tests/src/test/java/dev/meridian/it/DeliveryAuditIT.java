package dev.meridian.it;

import static dev.meridian.it.DeliveryIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery auditor catches what delivery itself cannot see: an event a consumer holds no record of (its inbox
 * row removed) and an event the relay skipped. Both are named in the metric, readiness and the console's delivery
 * overview, and cleared once accounted for. The test server audits every half second with a grace of 3 s, and
 * fails readiness on unaccounted events (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryAuditIT {

    private static final String PROBE_TOPIC = "meridian.probe.events";

    @Deployment(testable = false)
    static EnterpriseArchive meridianWithDeliveryProbes() {
        return DeliveryProbes.withDeliveryProbes(TestServer.meridianEar(), DeliveryIT.CONSUMER_SCHEMAS);
    }

    @Test
    void anEventWhoseInboxRowWentMissingIsUnaccountedUntilItIsBack() throws Exception {
        String stream = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String event = DeliveryIT.publish(stream, "to be forgotten");
        eventually(() -> DeliveryIT.count("probe_a", "event_id = '" + event + "'") == 1, "probe_a applied it");
        // a consumer's first audit starts where the relay stood then, so the event may be behind it from the start;
        // the audit row must exist before it is moved back
        eventually(() -> TestServer.count("select count(*) from event_infra.delivery_audits a"
                + " join event_infra.events e on e.event_id = '" + event + "' where a.consumer = 'probea'"
                + " and a.topic = '" + PROBE_TOPIC + "' and a.position >= e.global_position") == 1,
                "the auditor has audited past the event");
        // what a consumer acknowledging a message without recording it would leave; and should the auditor have
        // checked the event already, it looks again
        TestServer.execute("delete from event_infra.inbox where consumer = 'probea' and event_id = '" + event + "'");
        TestServer.execute("update event_infra.delivery_audits set position = least(position, (select global_position"
                + " - 1 from event_infra.events where event_id = '" + event + "')) where consumer = 'probea' and topic"
                + " = '" + PROBE_TOPIC + "'");

        try {
            eventually(() -> unaccounted("probea") == 1, "the auditor found the event without its inbox row");
            assertThat(firstUnaccounted("probea")).hasValue(event);
            assertThat(unaccounted("probeb")).as("the other consumer has it").isZero();
            HttpResponse<String> readiness = TestServer.get(TestServer.management("/health/ready"));
            assertThat(readiness.statusCode()).isEqualTo(503);
            JsonObject delivery = TestServer.healthCheck(TestServer.json(readiness), "delivery");
            assertThat(delivery.getString("status")).isEqualTo("DOWN");
            assertThat(delivery.getJsonObject("data").getString("consumer.probea.firstUnaccounted")).startsWith(event);
            eventually(() -> metric("probea") == 1.0, "the gauge counts it");
        } finally {
            TestServer.execute("insert into event_infra.inbox (consumer, event_id) values ('probea', '" + event
                    + "') on conflict do nothing");
        }

        eventually(() -> unaccounted("probea") == 0, "the event accounted for again");
        eventually(() -> metric("probea") == 0.0, "the gauge back at zero");
        eventually(() -> TestServer.get(TestServer.management("/health/ready")).statusCode() == 200,
                "ready again");
    }

    @Test
    void anEventTheRelaySkippedIsUnaccountedAtEveryConsumerUntilItIsRelayed() throws Exception {
        String stream = "skipped-" + UUID.randomUUID().toString().substring(0, 8);
        String delivered = DeliveryIT.publish(stream, "delivered");
        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            // relayed and applied before the relay is made to skip what follows it
            eventually(() -> DeliveryIT.count(schema, "event_id = '" + delivered + "'") == 1, schema + " applied it");
        }
        String skipped = appendBehindTheRelaysBack(delivered);

        try {
            for (String consumer : new String[] {"probea", "probeb"}) {
                eventually(() -> unaccounted(consumer) == 1, "the auditor found the skipped event at " + consumer);
                assertThat(firstUnaccounted(consumer)).hasValue(skipped);
            }
            assertThat(DeliveryIT.count("probe_a", "event_id = '" + skipped + "'")).as("never delivered").isZero();
        } finally {
            // the operator's remedy: send the topic again from just before the skipped event
            TestServer.execute("update event_infra.relay_checkpoints set position = (select global_position - 1"
                    + " from event_infra.events where event_id = '" + skipped + "') where topic = '" + PROBE_TOPIC
                    + "'");
        }

        for (String schema : DeliveryIT.CONSUMER_SCHEMAS) {
            eventually(() -> DeliveryIT.count(schema, "stream_id = '" + stream + "'") == 2,
                    schema + " applied the event once relayed");
            DeliveryIT.assertAppliedOnceInStreamOrder(schema, stream, List.of(delivered, skipped));
        }
        eventually(() -> unaccounted("probea") == 0 && unaccounted("probeb") == 0, "accounted for at both");
        eventually(() -> TestServer.get(TestServer.management("/health/ready")).statusCode() == 200,
                "ready again");
    }

    /**
     * Appends a probe event to the stream of {@code previous}, after it, and moves the probe topic's relay past it in
     * the same transaction, so that the relay never sends it: a relay that skips an event, as the gap-skipping bugs
     * of other event stores did.
     */
    private static String appendBehindTheRelaysBack(String previous) throws Exception {
        String eventId = UUID.randomUUID().toString();
        try (Connection db = TestServer.database()) {
            db.setAutoCommit(false);
            long position;
            try (PreparedStatement append = db.prepareStatement("""
                    insert into event_infra.events (transaction_id, global_position, event_id, stream_id,
                        stream_category, stream_version, event_type, event_version, occurred_at, payload, metadata)
                    select pg_current_xact_id(), nextval('event_infra.global_position_seq'), ?::uuid, stream_id,
                        stream_category, stream_version + 1, event_type, event_version, now(), '{"note":"skipped"}',
                        metadata
                    from event_infra.events where event_id = ?::uuid
                    returning global_position""")) {
                append.setString(1, eventId);
                append.setString(2, previous);
                try (ResultSet row = append.executeQuery()) {
                    row.next();
                    position = row.getLong(1);
                }
            }
            try (PreparedStatement skip = db.prepareStatement("update event_infra.relay_checkpoints"
                    + " set position = greatest(position, ?) where topic = ?")) {
                skip.setLong(1, position);
                skip.setString(2, PROBE_TOPIC);
                assertThat(skip.executeUpdate()).isEqualTo(1);
            }
            db.commit();
        }
        return eventId;
    }

    private static JsonObject consumerOverview(String consumer) throws Exception {
        HttpResponse<String> overview = TestServer.send(HttpRequest.newBuilder(TestServer.http("/admin/api/delivery"))
                .header("Authorization", "Bearer " + DeliveryProbes.adminToken()));
        assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
        return TestServer.json(overview).getJsonArray("consumers").stream().map(JsonValue::asJsonObject)
                .filter(row -> row.getString("consumer").equals(consumer)).findFirst()
                .orElseThrow(() -> new AssertionError("no consumer " + consumer + " in " + overview.body()));
    }

    private static long unaccounted(String consumer) throws Exception {
        return consumerOverview(consumer).getJsonNumber("unaccounted").longValue();
    }

    private static Optional<String> firstUnaccounted(String consumer) throws Exception {
        JsonObject overview = consumerOverview(consumer);
        return overview.containsKey("firstUnaccounted") && !overview.isNull("firstUnaccounted")
                ? Optional.of(overview.getString("firstUnaccounted")) : Optional.empty();
    }

    private static double metric(String consumer) throws Exception {
        String metrics = TestServer.get(TestServer.management("/prometheus")).body();
        return metrics.lines()
                .filter(line -> line.startsWith("meridian_delivery_unaccounted_events{")
                        && line.contains("consumer=\"" + consumer + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no unaccounted-events gauge for " + consumer
                        + " in " + metrics.lines().filter(line -> line.contains("unaccounted")
                                || line.contains("projection_lag")).toList()));
    }
}
