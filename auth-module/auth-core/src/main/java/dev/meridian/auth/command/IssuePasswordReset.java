package dev.meridian.auth.command;

import java.time.Instant;
import java.util.UUID;

/**
 * Issue a password-reset token, as the reset process' step in auth.
 *
 * @param lraId     the reset process' LRA
 * @param userId    the account
 * @param expiresAt when the token stops working
 */
public record IssuePasswordReset(String lraId, UUID userId, Instant expiresAt) {
}
