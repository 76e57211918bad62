package dev.meridian.auth.token;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Password-reset tokens ({@code auth.password_resets}): opaque ({@link OpaqueTokens}), one per reset process,
 * kept only as their hash. A token works once, until it expires, and only while it is its account's newest.
 * Every method joins the caller's transaction.
 */
@ApplicationScoped
public class PasswordResetTokens {

    private static final String ISSUE = """
            insert into auth.password_resets (token_hash, user_id, lra_id, status, expires_at)
            values (?, ?, ?, 'ISSUED', ?)
            """;
    private static final String SUPERSEDE = """
            update auth.password_resets set status = 'SUPERSEDED', ended_at = now()
            where user_id = ? and status = 'ISSUED' returning lra_id
            """;
    private static final String HOLDER = """
            select user_id from auth.password_resets where token_hash = ? and status = 'ISSUED' and expires_at > now()
            """;
    // the row lock makes one of two confirmations with the same token wait, then find it used
    private static final String REDEEM = """
            update auth.password_resets set status = 'USED', ended_at = now()
            where token_hash = ? and status = 'ISSUED' and expires_at > now() returning user_id, lra_id
            """;
    private static final String EXPIRE = """
            update auth.password_resets set status = 'EXPIRED', ended_at = now() where lra_id = ? and status = 'ISSUED'
            """;

    @Inject
    DataSource dataSource;

    /**
     * Ends every token {@code userId} still holds: a newer request supersedes them.
     *
     * @return the reset processes (LRA ids) whose tokens ended
     */
    public List<String> supersedeAll(UUID userId) {
        try (Connection db = dataSource.getConnection(); PreparedStatement supersede = db.prepareStatement(SUPERSEDE)) {
            supersede.setObject(1, userId);
            List<String> processes = new ArrayList<>();
            try (ResultSet rows = supersede.executeQuery()) {
                while (rows.next()) {
                    processes.add(rows.getString(1));
                }
            }
            return processes;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot supersede the reset tokens of " + userId, e);
        }
    }

    /** A new token for {@code userId} in the reset process {@code lraId}, working until {@code expiresAt}. */
    public String issue(UUID userId, String lraId, Instant expiresAt) {
        String token = OpaqueTokens.next();
        Statements.update(dataSource, "keep a reset token", ISSUE, OpaqueTokens.hash(token), userId, lraId,
                Timestamp.from(expiresAt));
        return token;
    }

    /** The account {@code token} would reset now; empty when it is unknown, used, superseded or expired. */
    public Optional<UUID> holder(String token) {
        try (Connection db = dataSource.getConnection(); PreparedStatement holder = db.prepareStatement(HOLDER)) {
            holder.setBytes(1, OpaqueTokens.hash(token));
            try (ResultSet row = holder.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check a reset token", e);
        }
    }

    /** Uses {@code token} up; empty when it does not work (any more). */
    public Optional<Redeemed> redeem(String token) {
        try (Connection db = dataSource.getConnection(); PreparedStatement redeem = db.prepareStatement(REDEEM)) {
            redeem.setBytes(1, OpaqueTokens.hash(token));
            try (ResultSet row = redeem.executeQuery()) {
                return row.next() ? Optional.of(new Redeemed(row.getObject(1, UUID.class), row.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot use a reset token", e);
        }
    }

    /** The reset process {@code lraId} was cancelled: its token, if still unused, stops working. */
    public void expire(String lraId) {
        Statements.update(dataSource, "expire a reset token", EXPIRE, lraId);
    }

    /**
     * A token that was just used.
     *
     * @param userId the account whose password it resets
     * @param lraId  its reset process
     */
    public record Redeemed(UUID userId, String lraId) {
    }
}
