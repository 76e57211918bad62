package dev.meridian.auth.query;

import java.time.Instant;
import java.util.List;

/**
 * What auth holds about a person, as their data export shows it. Secrets (the password hash, token hashes) are
 * left out: they say nothing about the person and would weaken the account if the archive leaked.
 *
 * @param account           the account; null when there is none
 * @param passwordChangedAt when the password was last set
 * @param sessions          every session's refresh tokens still remembered
 * @param passwordResets    every password-reset link issued
 */
public record AccountExport(AccountView account, Instant passwordChangedAt, List<RefreshTokenRecord> sessions,
                            List<PasswordResetRecord> passwordResets) {

    /** A refresh token of a session, without the token. */
    public record RefreshTokenRecord(String sessionId, Instant issuedAt, Instant expiresAt, Instant replacedAt,
                                     Instant revokedAt) {
    }

    /** A password-reset link, without the token. */
    public record PasswordResetRecord(String status, Instant issuedAt, Instant expiresAt, Instant endedAt) {
    }
}
