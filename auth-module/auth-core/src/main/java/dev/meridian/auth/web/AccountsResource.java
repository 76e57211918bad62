package dev.meridian.auth.web;

import dev.meridian.auth.command.ChangeRoles;
import dev.meridian.auth.command.ChangeRolesHandler;
import dev.meridian.auth.command.NoSuchAccountException;
import dev.meridian.auth.query.AccountQueries;
import dev.meridian.auth.query.AccountView;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/auth/accounts/{userId}}: an account, for its owner (the token's subject is the user id) or an
 * administrator; {@code PUT .../roles}: its roles, set by an administrator. 401 without a valid token, 403 for
 * anybody else, 404 for no such account, 400 for a malformed id or unknown roles, all as problem+json.
 */
@Path("accounts/{userId}")
public class AccountsResource {

    static final String ADMIN = "admin";

    @Inject
    AccountQueries queries;

    @Inject
    JsonWebToken token;

    @Inject
    ChangeRolesHandler handler;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ProblemResponses.BEARER)
    @Operation(summary = "An account, for its owner or an administrator")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "The user id is no UUID")
    @APIResponse(responseCode = "403", description = "Neither the owner nor an administrator")
    @APIResponse(responseCode = "404", description = "No such account")
    public Response account(@PathParam("userId") String userId, @Context SecurityContext security) {
        // who may ask comes first: an anonymous caller learns nothing, not even that an id is malformed
        Optional<UUID> id = RequestParameters.uuid(userId);
        return refusal(security, id.orElse(null))
                .orElseGet(() -> id.map(this::found).orElseGet(() -> invalid("userId", "not a UUID")));
    }

    @PUT
    @Path("roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
    @Operation(summary = "Set an account's roles (administrators only)")
    @APIResponse(responseCode = "200", description = "The account with its new roles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "400", description = "The user id is no UUID, or the roles are missing or unknown")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "The account changed meanwhile; read it and try again")
    public Response changeRoles(@PathParam("userId") String userId, RolesChange change,
                                @Context SecurityContext security) {
        Optional<Response> refused = refusal(security, null);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<UUID> id = RequestParameters.uuid(userId);
        if (id.isEmpty()) {
            return invalid("userId", "not a UUID");
        }
        // the change is recorded as the administrator's: a token whose subject is no user id cannot make it
        Optional<UUID> administrator = RequestParameters.uuid(token.getSubject());
        if (administrator.isEmpty()) {
            return Problem.of(Response.Status.FORBIDDEN, "Only an administrator's own token may change roles")
                    .toResponse();
        }
        if (change == null || change.roles() == null) {
            return invalid("roles", "required");
        }
        try {
            return Response.ok(queries.view(handler.handle(new ChangeRoles(id.get(), change.roles(),
                    administrator.get()))), MediaType.APPLICATION_JSON).build();
        } catch (NoSuchAccountException e) {
            return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
        } catch (IllegalArgumentException e) {
            return invalid("roles", e.getMessage());
        }
    }

    /**
     * 401 without a principal; 403 unless the caller is an administrator or, when {@code owned} is given, that
     * account's owner (the token's subject).
     */
    private Optional<Response> refusal(SecurityContext security, UUID owned) {
        if (security.getUserPrincipal() == null) {
            return Optional.of(Problem.bearerTokenRequired("A valid bearer token is required"));
        }
        boolean owner = owned != null && owned.toString().equals(token.getSubject());
        if (!owner && !security.isUserInRole(ADMIN)) {
            return Optional.of(Problem.of(Response.Status.FORBIDDEN, owned == null
                    ? "This needs the admin role" : "Only the account's owner or an administrator may see it")
                    .toResponse());
        }
        return Optional.empty();
    }

    private Response found(UUID id) {
        return queries.account(id)
                .map(account -> Response.ok(account, MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "No account " + id).toResponse());
    }

    private static Response invalid(String field, String message) {
        return Problem.invalid(List.of(new Problem.Violation(field, message))).toResponse();
    }
}
