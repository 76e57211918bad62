package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.web.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * 401 without a valid bearer token, 403 without the {@code admin} role, both as problem+json (API.md). The token
 * itself is verified by MicroProfile JWT before this filter runs.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminRoleFilter implements ContainerRequestFilter {

    static final String ADMIN = "admin";

    @Override
    public void filter(ContainerRequestContext request) {
        var security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                            "A valid bearer token is required").toResponse())
                    .header("WWW-Authenticate", "Bearer").build());
        } else if (!security.isUserInRole(ADMIN)) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "This needs the admin role").toResponse());
        }
    }
}
