package dev.meridian.auth.web;

/**
 * The body of {@code POST /api/auth/registrations}.
 *
 * @param email       the address to register
 * @param password    12 to 128 characters, not the address
 * @param displayName the name other people see, 1 to 100 characters
 */
public record RegistrationRequest(String email, String password, String displayName) {
}
