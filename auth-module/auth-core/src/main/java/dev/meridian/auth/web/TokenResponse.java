package dev.meridian.auth.web;

import dev.meridian.auth.token.SessionTokens;

/**
 * A session's tokens as API.md gives them.
 *
 * @param accessToken  the bearer token for every module's API
 * @param refreshToken the one-time token for {@code POST /api/auth/sessions/refresh}
 * @param tokenType    always {@code Bearer}
 * @param expiresIn    seconds until the access token expires
 */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    static TokenResponse of(SessionTokens tokens) {
        return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), "Bearer",
                tokens.expiresIn().toSeconds());
    }
}
