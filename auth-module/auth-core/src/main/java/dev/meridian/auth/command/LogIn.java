package dev.meridian.auth.command;

/**
 * Sign in with an email address and a password.
 *
 * @param email    as typed; it is normalised like at registration
 * @param password as typed
 */
public record LogIn(String email, String password) {
}
