package dev.meridian.auth.web;

/**
 * The body of {@code POST /api/auth/password-resets/confirmation}.
 *
 * @param token       the token from the reset mail's link
 * @param newPassword the new password
 */
public record PasswordResetConfirmation(String token, String newPassword) {

    @Override
    public String toString() {
        return "PasswordResetConfirmation[token and password withheld]";
    }
}
