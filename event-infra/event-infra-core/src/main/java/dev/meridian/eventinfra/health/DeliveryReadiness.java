package dev.meridian.eventinfra.health;

import dev.meridian.eventinfra.delivery.DeliveryOverview;
import dev.meridian.eventinfra.delivery.DeliveryRuntime;
import dev.meridian.eventinfra.delivery.UnaccountedEvents;
import dev.meridian.eventinfra.projection.ProjectionStatus;
import dev.meridian.eventinfra.projection.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every relay and every live projection is at most {@code meridian.readiness.max-lag} positions behind
 * the store's head. The delivery auditor's unaccounted events are in the data (naming each consumer's first), and
 * fail readiness only with {@code meridian.readiness.fail-on-unaccounted}: they are in the shared database, so they
 * would take every server out of its load balancer at once, for a fault the API does not suffer from. Read from the
 * tables, so every server reports the same, whichever relays and audits.
 */
@Readiness
@ApplicationScoped
public class DeliveryReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DeliveryReadiness.class.getName());

    @Inject
    DeliveryRuntime delivery;

    @Inject
    Projections projections;

    @Inject
    DeliveryOverview overview;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("delivery");
        long maxLag = delivery.settings().maxReadyLag();
        boolean up = true;
        try {
            for (DeliveryOverview.Relay relay : overview.relays()) {
                response.withData("relay." + relay.topic() + ".lag", relay.lag());
                up &= relay.lag() <= maxLag;
            }
            for (UnaccountedEvents.OfConsumer missing : UnaccountedEvents.perConsumer(delivery.dataSource())) {
                response.withData("consumer." + missing.consumer() + ".unaccounted", missing.unaccounted());
                response.withData("consumer." + missing.consumer() + ".firstUnaccounted",
                        missing.firstEventId() + " at position " + missing.firstPosition());
                up &= !delivery.settings().unaccountedNotReady();
            }
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "The relays' positions or the delivery audit cannot be read", e);
            return response.withData("error", "the relays' positions or the delivery audit cannot be read; the"
                    + " server log has the cause").down().build();
        }
        for (ProjectionStatus projection : projections.statuses()) {
            response.withData("projection." + projection.name() + ".lag", projection.lag());
            response.withData("projection." + projection.name() + ".state", projection.state());
            // a rebuild is expected to lag; it is visible in the data and in /admin/api/projections
            up &= "REBUILDING".equals(projection.state()) || projection.lag() <= maxLag;
        }
        return response.status(up).build();
    }
}
