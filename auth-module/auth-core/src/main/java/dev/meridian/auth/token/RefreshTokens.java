package dev.meridian.auth.token;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.module.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refresh tokens: opaque ({@link OpaqueTokens}), handed out once and kept only as their hash. Each use replaces
 * the token with a new one of the same session; a token used a second time means it was copied, so the whole
 * session is revoked (the thief's and the owner's tokens alike), as OAuth 2.0 Security BCP §4.14 describes. Tokens expire
 * after {@code meridian.auth.refresh-token-lifetime} (14 days by default). Every method joins the caller's
 * transaction.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final String INSERT = """
            insert into auth.refresh_tokens (token_hash, session_id, user_id, issued_at, expires_at)
            values (?, ?, ?, ?, ?)
            """;
    private static final String FIND_FOR_UPDATE = """
            select session_id, user_id, expires_at, replaced_at is not null or revoked_at is not null
            from auth.refresh_tokens where token_hash = ? for update
            """;
    private static final String MARK_REPLACED = "update auth.refresh_tokens set replaced_at = now() where token_hash = ?";
    private static final String REVOKE_ALL = """
            update auth.refresh_tokens set revoked_at = now() where user_id = ? and revoked_at is null
            """;
    private static final String REVOKE_ALL_BUT = """
            update auth.refresh_tokens set revoked_at = now()
            where user_id = ? and session_id <> ? and revoked_at is null
            """;
    private static final String REVOKE_SESSION = """
            update auth.refresh_tokens set revoked_at = now() where session_id = ? and revoked_at is null
            """;

    @Inject
    DataSource dataSource;

    private Duration lifetime;

    @PostConstruct
    void configure() {
        lifetime = Settings.positiveDuration(ConfigProvider.getConfig(RefreshTokens.class.getClassLoader()),
                "meridian.auth.refresh-token-lifetime", Duration.ofDays(14));
    }

    /** A new token for the session {@code sessionId} of {@code userId}. */
    public String issue(UUID sessionId, UUID userId) {
        String text = OpaqueTokens.next();
        Instant now = Instant.now();
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            insert.setBytes(1, OpaqueTokens.hash(text));
            insert.setObject(2, sessionId);
            insert.setObject(3, userId);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, Timestamp.from(now.plus(lifetime)));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot keep a refresh token", e);
        }
        return text;
    }

    /**
     * Takes {@code token} out of use and says what it was: the session it belongs to when it was current, else
     * why it is refused. A token seen again after it was replaced revokes its session.
     */
    public Use use(String token) {
        byte[] hash = OpaqueTokens.hash(token);
        try (Connection db = dataSource.getConnection(); PreparedStatement find = db.prepareStatement(FIND_FOR_UPDATE)) {
            find.setBytes(1, hash);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Use.refused();
                }
                UUID sessionId = row.getObject(1, UUID.class);
                UUID userId = row.getObject(2, UUID.class);
                if (row.getBoolean(4)) {
                    revokeSession(sessionId);
                    return Use.refused();
                }
                if (row.getTimestamp(3).toInstant().isBefore(Instant.now())) {
                    return Use.refused();
                }
                try (PreparedStatement replace = db.prepareStatement(MARK_REPLACED)) {
                    replace.setBytes(1, hash);
                    replace.executeUpdate();
                }
                return new Use(true, sessionId, userId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check a refresh token", e);
        }
    }

    /** Ends every token of every session of {@code userId}. */
    public void revokeAll(UUID userId) {
        Statements.update(dataSource, "revoke the refresh tokens of " + userId, REVOKE_ALL, userId);
    }

    /** Ends every token of every session of {@code userId} but {@code keptSessionId}'s. */
    public void revokeAllBut(UUID userId, UUID keptSessionId) {
        Statements.update(dataSource, "revoke the other refresh tokens of " + userId, REVOKE_ALL_BUT, userId,
                keptSessionId);
    }

    /** Ends every token of the session. */
    public void revokeSession(UUID sessionId) {
        try (Connection db = dataSource.getConnection(); PreparedStatement revoke = db.prepareStatement(REVOKE_SESSION)) {
            revoke.setObject(1, sessionId);
            revoke.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot revoke session " + sessionId, e);
        }
    }

    /**
     * What presenting a refresh token came to.
     *
     * @param current   whether it was the session's current token; only then are the ids set
     * @param sessionId the session it belongs to
     * @param userId    the account it belongs to
     */
    public record Use(boolean current, UUID sessionId, UUID userId) {

        static Use refused() {
            return new Use(false, null, null);
        }
    }
}
