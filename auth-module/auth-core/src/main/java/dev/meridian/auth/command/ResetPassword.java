package dev.meridian.auth.command;

/**
 * Set a new password with a reset token.
 *
 * @param token       the token from the reset mail
 * @param newPassword the new password as typed
 */
public record ResetPassword(String token, String newPassword) {

    @Override
    public String toString() {
        return "ResetPassword[token and password withheld]";
    }
}
