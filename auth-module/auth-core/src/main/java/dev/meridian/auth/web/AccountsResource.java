package dev.meridian.auth.web;

import dev.meridian.auth.query.AccountQueries;
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
