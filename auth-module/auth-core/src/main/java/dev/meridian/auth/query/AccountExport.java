package dev.meridian.auth.query;

import java.time.Instant;
import java.util.List;

/**
 * What auth holds about a person, as their data export shows it. Secrets (the password hash, token hashes) are
 * left out: they say nothing about the person and would weaken the account if the archive leaked.
 *
 * @param account           the account; null when there is none
 * @param passwordChangedAt when the password was last set
 * @param sessions          every session remembered: when it began and was last used, and the client that began it
 * @param refreshTokens     every session's refresh tokens still remembered
 * @param passwordResets    every password-reset link issued
 */
public record AccountExport(AccountView account, Instant passwordChangedAt, List<SessionRecord> sessions,
                            List<RefreshTokenRecord> refreshTokens, List<PasswordResetRecord> passwordResets) {

    /** A session, as its owner's list of sessions shows it. */
    public record SessionRecord(String sessionId, Instant createdAt, Instant lastUsedAt, String clientAddress,
                                String userAgent) {
    }

    /** A refresh token of a session, without the token. */
    public record RefreshTokenRecord(String sessionId, Instant issuedAt, Instant expiresAt, Instant replacedAt,
                                     Instant revokedAt) {
    }

    /** A password-reset link, without the token. */
    public record PasswordResetRecord(String status, Instant issuedAt, Instant expiresAt, Instant endedAt) {
    }
}
