package dev.meridian.auth.web;

import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.RequestParameters;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The account and the session a bearer token was issued to: what the calls about one's own sessions and password
 * act on.
 *
 * @param userId    the token's subject
 * @param sessionId its {@code sid}
 */
record BearerSession(UUID userId, UUID sessionId) {

    /** The bearer's session; empty without a valid token, or with one that names no session. */
    static Optional<BearerSession> of(SecurityContext security, JsonWebToken token) {
        if (security.getUserPrincipal() == null) {
            return Optional.empty();
        }
        return RequestParameters.uuidClaim(token.getSubject()).flatMap(userId -> RequestParameters
                .uuidClaim(token.getClaim("sid")).map(sessionId -> new BearerSession(userId, sessionId)));
    }

    /** The 401 for a call that needs a bearer's session and has none. */
    static Response required() {
        return Problem.bearerTokenRequired("A bearer token of a session is required");
    }
}
