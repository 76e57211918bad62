package dev.meridian.auth.web;

import dev.meridian.auth.query.AccountQueries;
import dev.meridian.auth.query.AccountView;
import dev.meridian.eventinfra.web.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/auth/accounts/{userId}}: an account, for its owner (the token's subject is the user id) or an
 * administrator. 401 without a valid token, 403 for anybody else, 404 for no such account, all as problem+json.
 */
@Path("accounts/{userId}")
public class AccountsResource {

    static final String ADMIN = "admin";

    @Inject
    AccountQueries queries;

    @Inject
    JsonWebToken token;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An account, for its owner or an administrator")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "The user id is no UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Neither the owner nor an administrator",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response account(@PathParam("userId") String userId, @Context SecurityContext security) {
        if (security.getUserPrincipal() == null) {
            return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, "A valid bearer token is required")
                    .toResponse()).header("WWW-Authenticate", "Bearer").build();
        }
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            return Problem.invalid(List.of(new Problem.Violation("userId", "not a UUID"))).toResponse();
        }
        if (!id.toString().equals(token.getSubject()) && !security.isUserInRole(ADMIN)) {
            return Problem.of(Response.Status.FORBIDDEN, "Only the account's owner or an administrator may see it")
                    .toResponse();
        }
        return queries.account(id)
                .map(account -> Response.ok(account, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "No account " + id).toResponse());
    }
}
