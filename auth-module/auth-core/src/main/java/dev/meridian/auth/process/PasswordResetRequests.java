package dev.meridian.auth.process;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Password-reset requests waiting to be worked on ({@code auth.password_reset_requests}). A server leases the
 * oldest one it can have; a request whose lease ran out (its server died, or its last try failed and the wait is
 * over) can be leased again. Each statement commits on its own.
 */
@ApplicationScoped
public class PasswordResetRequests {

    private static final String ACCEPT = """
            insert into auth.password_reset_requests (id, email, locale, correlation_id) values (?, ?, ?, ?)
            """;
    private static final String LEASE = """
            update auth.password_reset_requests set attempts = attempts + 1,
                leased_until = now() + make_interval(secs => ?)
            where id = (select id from auth.password_reset_requests
                        where leased_until is null or leased_until < now()
                        order by requested_at limit 1 for update skip locked)
            returning id, email, locale, correlation_id, attempts
            """;
    private static final String RETRY_LATER = """
            update auth.password_reset_requests set leased_until = now() + make_interval(secs => ?) where id = ?
            """;
    private static final String DONE = "delete from auth.password_reset_requests where id = ?";

    @Inject
    DataSource dataSource;

    /** Keeps a request for a reset of {@code email}'s password, to be worked on. */
    public void accept(String email, String locale, Optional<UUID> correlationId) {
        Statements.update(dataSource, "keep a password-reset request", ACCEPT, UUID.randomUUID(), email, locale,
                correlationId.orElse(null));
    }

    /** The oldest request no server works on, now leased to this one for {@code lease}; empty when none waits. */
    public Optional<PasswordResetRequest> lease(Duration lease) {
        try (Connection db = dataSource.getConnection(); PreparedStatement next = db.prepareStatement(LEASE)) {
            next.setDouble(1, lease.toMillis() / 1000.0);
            try (ResultSet row = next.executeQuery()) {
                return row.next() ? Optional.of(new PasswordResetRequest(row.getObject(1, UUID.class),
                        row.getString(2), row.getString(3), Optional.ofNullable(row.getObject(4, UUID.class)),
                        row.getInt(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the password-reset requests", e);
        }
    }

    /** The try failed; the request waits {@code wait} before it is tried again. */
    public void retryLater(UUID id, Duration wait) {
        Statements.update(dataSource, "postpone a password-reset request", RETRY_LATER, wait.toMillis() / 1000.0,
                id);
    }

    /** The request was worked on (or given up): it and its address are gone. */
    public void done(UUID id) {
        Statements.update(dataSource, "remove a password-reset request", DONE, id);
    }
}
