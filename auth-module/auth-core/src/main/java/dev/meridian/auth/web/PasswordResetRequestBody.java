package dev.meridian.auth.web;

/**
 * The body of {@code POST /api/auth/password-resets}.
 *
 * @param email the address of the account whose password is to be reset
 */
public record PasswordResetRequestBody(String email) {
}
