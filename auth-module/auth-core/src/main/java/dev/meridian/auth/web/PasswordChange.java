package dev.meridian.auth.web;

/**
 * The body of {@code PUT /api/auth/accounts/me/password}.
 *
 * @param currentPassword the password the account has now
 * @param newPassword     the one it gets
 */
public record PasswordChange(String currentPassword, String newPassword) {
}
