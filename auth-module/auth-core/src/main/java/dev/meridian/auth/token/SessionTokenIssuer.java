package dev.meridian.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Hands a session its next pair of tokens; joins the caller's transaction (the refresh token is stored). */
@ApplicationScoped
public class SessionTokenIssuer {

    @Inject
    AccessTokens accessTokens;

    @Inject
    RefreshTokens refreshTokens;

    /**
     * A new access token with {@code roles}, and a new refresh token, for the session {@code sessionId}, whose
     * password was checked at {@code authenticatedAt} (its sign-in).
     */
    public SessionTokens issue(UUID userId, String email, List<String> roles, UUID sessionId,
                               Instant authenticatedAt) {
        return new SessionTokens(accessTokens.issue(userId, email, roles, sessionId, authenticatedAt),
                refreshTokens.issue(sessionId, userId), accessTokens.lifetime());
    }
}
