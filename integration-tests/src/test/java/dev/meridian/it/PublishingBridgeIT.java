package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.it.probe.ProbeApplication;
import dev.meridian.it.probe.ProbeResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In the deployed server, events a module publishes as a CDI event are stored in the module's own JTA
 * transaction: they exist if and only if that transaction commits. The publishing module is a probe added to the
 * shipped EAR the way a module is built: its events in lib/ with a catalog, its resource in a WAR.
 */
@ExtendWith(ArquillianExtension.class)
class PublishingBridgeIT {

    private static final HttpClient HTTP = TestServer.HTTP;

    @Deployment(testable = false)
    static EnterpriseArchive meridianWithProbe() {
        return withProbe(TestServer.meridianEar());
    }

    /** {@code ear} with the probe: its events and catalog in lib/, its resource in a WAR at /store-probe. */
    static EnterpriseArchive withProbe(EnterpriseArchive ear) {
        return TestServer.withWebModule(TestServer.withProbeEvents(ear),
                ShrinkWrap.create(WebArchive.class, "store-probe.war")
                        .addClasses(ProbeApplication.class, ProbeResource.class)
                        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"),
                "/store-probe");
    }

    @Test
    void storesTheEventsWhenThePublishingTransactionCommits() throws Exception {
        String stream = "probe-" + UUID.randomUUID();

        assertThat(publish(stream, 0, false)).isEqualTo(204);

        assertThat(storedEventsOf(stream)).isEqualTo(1);
        assertThat(TestServer.get(TestServer.http("/store-probe/publish?stream=" + stream)).body())
                .as("read back through the EventStore a module injects").isEqualTo("1");
    }

    @Test
    void storesNothingWhenThePublishingTransactionRollsBack() throws Exception {
        String stream = "probe-" + UUID.randomUUID();

        assertThat(publish(stream, 0, true)).isEqualTo(500);

        assertThat(storedEventsOf(stream)).isZero();
    }

    @Test
    void refusesToPublishOverAChangeTheModuleDidNotSee() throws Exception {
        String stream = "probe-" + UUID.randomUUID();
        assertThat(publish(stream, 0, false)).isEqualTo(204);

        assertThat(publish(stream, 0, false)).isGreaterThanOrEqualTo(400);

        assertThat(storedEventsOf(stream)).isEqualTo(1);
    }

    @Test
    void countsAppendsAndConflictsPerStreamCategoryForPrometheus() throws Exception {
        String stream = "probe-" + UUID.randomUUID();
        assertThat(publish(stream, 0, false)).isEqualTo(204);
        assertThat(publish(stream, 0, false)).isGreaterThanOrEqualTo(400);

        String metrics = TestServer.get(TestServer.management("/prometheus")).body();

        assertThat(metrics.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("meridian_events_appended_total{").contains("category=\"probe\""));
        assertThat(metrics.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("meridian_events_conflicts_total{").contains("category=\"probe\""));
        assertThat(metrics.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("meridian_events_append_seconds_count{").contains("category=\"probe\""));
    }

    private static int publish(String stream, long expectedVersion, boolean fail) throws Exception {
        URI uri = TestServer.http("/store-probe/publish?stream=" + stream + "&expectedVersion=" + expectedVersion
                + "&fail=" + fail);
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int storedEventsOf(String stream) throws Exception {
        try (Connection connection = TestServer.database(); PreparedStatement query = connection.prepareStatement(
                "select count(*) from event_infra.events where stream_id = ? and event_type = 'probe.Published'")) {
            query.setString(1, stream);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
