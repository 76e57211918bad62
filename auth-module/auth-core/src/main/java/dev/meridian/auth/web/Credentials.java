package dev.meridian.auth.web;

/**
 * The body of {@code POST /api/auth/sessions}.
 *
 * @param email    the account's email address
 * @param password its password
 */
public record Credentials(String email, String password) {
}
