package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.delivery.DeliveryOverview;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /admin/api/delivery}: the relays' lag and each consumer's dead letters and retries, for the dashboard. */
@Path("delivery")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    DeliveryOverview delivery;

    @GET
    public DeliveryOverview.Overview overview() {
        return delivery.overview();
    }
}
