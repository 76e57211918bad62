package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.web.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * 401 without a valid bearer token, 403 without the {@code admin} role, both as problem+json (API.md). The token
 * itself is verified by MicroProfile JWT before this filter runs.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHORIZATION)
public class AdminRoleFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Problem.unlessAdministrator(request.getSecurityContext()).ifPresent(request::abortWith);
    }
}
