package dev.meridian.notification.web;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import dev.meridian.notification.query.NotificationQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/notifications/me}: the bearer's notifications; {@code GET /api/notifications?userId=}: anybody's,
 * for administrators. Paged ({@code page} from 0, {@code size} 1 to 500, 50 by default), newest first.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    @Inject
    NotificationQueries queries;

    @Inject
    JsonWebToken token;

    @GET
    @Path("me")
    @SecurityRequirement(name = ProblemResponses.BEARER)
    @Operation(summary = "The signed-in person's notifications")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "page or size is not a number in range")
    public Response mine(@QueryParam("page") String page, @QueryParam("size") String size,
                         @Context SecurityContext security) {
        Optional<UUID> userId = Optional.ofNullable(security.getUserPrincipal())
                .flatMap(principal -> RequestParameters.uuid(token.getSubject()));
        if (userId.isEmpty()) {
            return Problem.bearerTokenRequired("A valid bearer token is required");
        }
        return pageOf(userId.get(), page, size);
    }

    @GET
    @SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
    @Operation(summary = "Anybody's notifications (administrators only)")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "userId is missing or no UUID, or page or size out of range")
    public Response anybodys(@QueryParam("userId") String userId, @QueryParam("page") String page,
                             @QueryParam("size") String size, @Context SecurityContext security) {
        Optional<Response> refusal = Problem.unlessAdministrator(security);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        return pageOf(RequestParameters.uuid("userId", userId), page, size);
    }

    private Response pageOf(UUID userId, String page, String size) {
        return Response.ok(queries.forUser(userId, RequestParameters.page(page), RequestParameters.size(size)))
                .build();
    }
}
