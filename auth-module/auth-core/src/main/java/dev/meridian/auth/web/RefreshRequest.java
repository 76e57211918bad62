package dev.meridian.auth.web;

/**
 * The body of {@code POST /api/auth/sessions/refresh}.
 *
 * @param refreshToken the refresh token handed out last
 */
public record RefreshRequest(String refreshToken) {
}
