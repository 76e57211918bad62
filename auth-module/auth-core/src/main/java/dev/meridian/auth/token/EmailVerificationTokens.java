package dev.meridian.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Email-verification tokens ({@code auth.email_verifications}): opaque ({@link OpaqueTokens}), kept only as their
 * hash. A token works once, until it expires, and only while it is its account's newest: issuing one ends the
 * others in the same transaction, one account at a time, and the schema allows one working token per account.
 */
@ApplicationScoped
public class EmailVerificationTokens {

    // two requests for the same account at once: the second waits, then supersedes the first's token
    private static final String ONE_ACCOUNT_AT_A_TIME = "select pg_advisory_xact_lock(hashtextextended(?, 0))";
    private static final String SUPERSEDE = """
            update auth.email_verifications set status = 'SUPERSEDED', ended_at = now()
            where user_id = ? and status = 'ISSUED'
            """;
    private static final String ISSUE = """
            insert into auth.email_verifications (token_hash, user_id, status, expires_at) values (?, ?, 'ISSUED', ?)
            """;
    // the row lock makes one of two confirmations with the same token wait, then find it used
    private static final String REDEEM = """
            update auth.email_verifications set status = 'USED', ended_at = now()
            where token_hash = ? and status = 'ISSUED' and expires_at > now() returning user_id
            """;

    @Inject
    DataSource dataSource;

    /** A new token for {@code userId}, working until {@code expiresAt}; the account's earlier ones stop working. */
    public String issue(UUID userId, Instant expiresAt) {
        String token = OpaqueTokens.next();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement oneAtATime = db.prepareStatement(ONE_ACCOUNT_AT_A_TIME);
                 PreparedStatement supersede = db.prepareStatement(SUPERSEDE);
                 PreparedStatement issue = db.prepareStatement(ISSUE)) {
                oneAtATime.setString(1, userId.toString());
                oneAtATime.execute();
                supersede.setObject(1, userId);
                supersede.executeUpdate();
                issue.setBytes(1, OpaqueTokens.hash(token));
                issue.setObject(2, userId);
                issue.setTimestamp(3, Timestamp.from(expiresAt));
                issue.executeUpdate();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot keep a verification token", e);
        }
        return token;
    }

    /** Uses {@code token} up: the account it verifies; empty when it is unknown, used, superseded or expired. */
    public Optional<UUID> redeem(String token) {
        try (Connection db = dataSource.getConnection(); PreparedStatement redeem = db.prepareStatement(REDEEM)) {
            redeem.setBytes(1, OpaqueTokens.hash(token));
            try (ResultSet row = redeem.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot use a verification token", e);
        }
    }
}
