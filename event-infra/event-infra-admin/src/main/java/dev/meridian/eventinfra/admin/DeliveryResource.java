package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.delivery.DeliveryOverview;
import dev.meridian.eventinfra.web.ProblemResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /admin/api/delivery}: the relays' lag and each consumer's dead letters and retries, for the dashboard. */
@Path("delivery")
@AdminOnly
@SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    DeliveryOverview delivery;

    @GET
    public DeliveryOverview.Overview overview() {
        return delivery.overview();
    }
}
