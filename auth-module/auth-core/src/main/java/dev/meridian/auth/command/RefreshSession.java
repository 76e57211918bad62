package dev.meridian.auth.command;

/**
 * Trade a session's refresh token for the next pair of tokens.
 *
 * @param refreshToken the token handed out last
 */
public record RefreshSession(String refreshToken) {
}
