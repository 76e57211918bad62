package dev.meridian.user.web;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import dev.meridian.user.query.ProfileQueries;
import dev.meridian.user.query.ProfileView;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/users/{userId}}: any person's profile, to read or to erase, for administrators. */
@SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
@Path("{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    ProfileQueries queries;

    @Inject
    Erasures erasures;

    @Inject
    JsonWebToken token;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "A person's profile (admin)")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "400", description = "The user id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such person, or they were erased")
    public Response profile(@PathParam("userId") String userId) {
        return asAdministrator(userId, (person, administrator) -> queries.profile(person)
                .map(profile -> Response.ok(profile, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "There is no profile " + person)
                        .toResponse()));
    }

    @DELETE
    @Operation(summary = "Erase a person (admin), as DELETE /me does for oneself")
    @APIResponse(responseCode = "202", description = "The erasure process ran (or runs, or ran before): its id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErasureAnswer.class)))
    @APIResponse(responseCode = "400", description = "The user id is not a UUID")
    @APIResponse(responseCode = "404", description = "No such person")
    @APIResponse(responseCode = "503", description = "A module could not take its step; nothing was erased")
    public Response erase(@PathParam("userId") String userId) {
        return asAdministrator(userId, erasures::erase);
    }

    /** What {@code answer} gives for the person and the administrator asking; 400, 401 or 403 otherwise. */
    private Response asAdministrator(String userId, BiFunction<UUID, UUID, Response> answer) {
        return Problem.unlessAdministrator(security).orElseGet(() -> answer.apply(
                RequestParameters.uuid("userId", userId), RequestParameters.uuid(token.getSubject()).orElse(null)));
    }
}
