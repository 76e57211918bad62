package dev.meridian.auth.command;

/**
 * Sign in with an email address and a password.
 *
 * @param email         as typed; it is normalised like at registration
 * @param password      as typed
 * @param clientAddress where the sign-in came from, shown to the owner among their sessions
 * @param userAgent     the client's {@code User-Agent}, shown likewise; null when it sent none
 */
public record LogIn(String email, String password, String clientAddress, String userAgent) {
}
