package dev.meridian.eventinfra.health;

import dev.meridian.eventinfra.delivery.DeliveryRuntime;
import dev.meridian.eventinfra.projection.ProjectionStatus;
import dev.meridian.eventinfra.projection.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while every relay and every live projection is at most {@code meridian.readiness.max-lag} positions behind
 * the store's head. Read from the checkpoint tables, so every server reports the same, whichever relays.
 */
@Readiness
@ApplicationScoped
public class DeliveryReadiness implements HealthCheck {

    private static final String RELAY_LAGS = """
            select c.topic, greatest(0, (select coalesce(max(global_position), 0) from event_infra.events) - c.position)
            from event_infra.relay_checkpoints c order by c.topic
            """;

    @Inject
    DeliveryRuntime delivery;

    @Inject
    Projections projections;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("delivery");
        long maxLag = delivery.settings().maxReadyLag();
        boolean up = true;
        try (Connection db = delivery.dataSource().getConnection();
             PreparedStatement query = db.prepareStatement(RELAY_LAGS);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long lag = rows.getLong(2);
                response.withData("relay." + rows.getString(1) + ".lag", lag);
                up &= lag <= maxLag;
            }
        } catch (SQLException e) {
            return response.withData("error", String.valueOf(e.getMessage())).down().build();
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
