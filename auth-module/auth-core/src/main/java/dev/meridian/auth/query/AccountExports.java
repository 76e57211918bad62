package dev.meridian.auth.query;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads what auth holds about a person for their data export. */
@ApplicationScoped
public class AccountExports {

    private static final String PASSWORD_CHANGED = "select changed_at from auth.credentials where user_id = ?";
    private static final String SESSIONS = """
            select session_id, created_at, last_used_at, client_address, user_agent from auth.sessions
            where user_id = ? order by created_at
            """;
    private static final String REFRESH_TOKENS = """
            select session_id, issued_at, expires_at, replaced_at, revoked_at from auth.refresh_tokens
            where user_id = ? order by issued_at
            """;
    private static final String PASSWORD_RESETS = """
            select status, issued_at, expires_at, ended_at from auth.password_resets where user_id = ?
            order by issued_at
            """;

    @Inject
    AccountQueries accounts;

    @Inject
    DataSource dataSource;

    /** Everything auth holds about {@code userId}. */
    public AccountExport of(UUID userId) {
        return new AccountExport(accounts.account(userId).orElse(null),
                Statements.query(dataSource, "read the password's age", PASSWORD_CHANGED,
                        row -> instant(row, 1), userId).stream().findFirst().orElse(null),
                Statements.query(dataSource, "read the sessions", SESSIONS,
                        row -> new AccountExport.SessionRecord(row.getString(1), instant(row, 2), instant(row, 3),
                                row.getString(4), row.getString(5)), userId),
                Statements.query(dataSource, "read the refresh tokens", REFRESH_TOKENS,
                        row -> new AccountExport.RefreshTokenRecord(row.getString(1), instant(row, 2),
                                instant(row, 3), instant(row, 4), instant(row, 5)), userId),
                Statements.query(dataSource, "read the password resets", PASSWORD_RESETS,
                        row -> new AccountExport.PasswordResetRecord(row.getString(1), instant(row, 2),
                                instant(row, 3), instant(row, 4)), userId));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
