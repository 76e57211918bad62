package dev.meridian.user.web;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.RequestParameters;
import dev.meridian.user.query.ProfileQueries;
import dev.meridian.user.query.ProfileView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/users/me}: the bearer's own profile (the token's subject is their user id). */
@Path("me")
public class MeResource {

    @Inject
    ProfileQueries queries;

    @Inject
    JsonWebToken token;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed-in person's profile")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The account has no profile (its registration did not close)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response me(@Context SecurityContext security) {
        Optional<UUID> userId = Optional.ofNullable(security.getUserPrincipal()).map(principal -> token.getSubject())
                .flatMap(RequestParameters::uuid);
        if (userId.isEmpty()) {
            return Problem.bearerTokenRequired("A bearer token of an account is required");
        }
        return queries.profile(userId.get())
                .map(profile -> Response.ok(profile, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no profile for this account")
                        .toResponse());
    }
}
