package dev.meridian.auth.token;

import java.time.Duration;

/**
 * What a sign-in or a refresh hands the client.
 *
 * @param accessToken  the bearer token for every module's API
 * @param refreshToken the one-time token that gets the next pair
 * @param expiresIn    how long the access token is valid
 */
public record SessionTokens(String accessToken, String refreshToken, Duration expiresIn) {
}
