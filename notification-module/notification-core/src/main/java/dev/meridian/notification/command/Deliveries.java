package dev.meridian.notification.command;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
 * The delivery log ({@code notification.deliveries}) and the notification module's part in the registration
 * process: the welcome mail is held while the process runs, queued when it closes, cancelled when it is cancelled.
 * Each step records itself in the process log in the same transaction; a repeated step does nothing.
 */
@ApplicationScoped
public class Deliveries {

    /** The module's name in the process log. */
    public static final String MODULE = "notification";
    /** The kind of the mail that greets a new account. */
    public static final String WELCOME = "WELCOME";

    private static final String HOLD = """
            insert into notification.deliveries (id, user_id, kind, channel, recipient, display_name, locale, lra_id,
                status) values (?, ?, ?, 'EMAIL', ?, ?, ?, ?, 'HELD')
            """;
    private static final String RELEASE = """
            update notification.deliveries set status = 'QUEUED', next_attempt_at = now()
            where lra_id = ? and status = 'HELD'
            """;
    private static final String CANCEL = """
            update notification.deliveries set status = 'CANCELLED' where lra_id = ? and status = 'HELD'
            """;
    // one at a time, skipping what another server is sending, so several servers share the work
    private static final String CLAIM_DUE = """
            select id, user_id, kind, channel, recipient, display_name, locale, attempts from notification.deliveries
            where status = 'QUEUED' and next_attempt_at <= now() order by next_attempt_at
            limit 1 for update skip locked
            """;
    private static final String SENT = """
            update notification.deliveries set status = 'SENT', attempts = ?, subject = ?, sent_at = now(),
                last_error = null, next_attempt_at = null where id = ?
            """;
    private static final String RETRY = """
            update notification.deliveries set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?
            """;
    private static final String GIVE_UP = """
            update notification.deliveries set status = 'FAILED', attempts = ?, last_error = ?, next_attempt_at = null
            where id = ?
            """;

    @Resource(lookup = "java:jboss/datasources/MeridianDS")
    DataSource dataSource;

    @Inject
    ProcessLog processLog;

    /**
     * Holds the welcome mail of the registration {@code lraId}.
     *
     * @return false when the registration was cancelled before this step
     */
    @Transactional
    public boolean holdWelcome(String lraId, UUID userId, String email, String displayName, String locale) {
        ProcessLog.Joining joining = processLog.join(lraId, MODULE, userId, "welcome mail held");
        if (joining == ProcessLog.Joining.JOINED) {
            update(HOLD, UUID.randomUUID(), userId, WELCOME, email, displayName, locale, lraId);
        }
        return joining != ProcessLog.Joining.CANCELLED;
    }

    /**
     * Queues the mail of the closed process {@code lraId}.
     *
     * @return whether this call queued it
     */
    @Transactional
    public boolean release(String lraId) {
        return processLog.complete(lraId, MODULE).map(userId -> update(RELEASE, lraId) == 1).orElse(false);
    }

    /** Cancels the mail of the cancelled process {@code lraId}: it is never sent. */
    @Transactional
    public void cancel(String lraId) {
        processLog.compensate(lraId, MODULE, "registration cancelled").ifPresent(userId -> update(CANCEL, lraId));
    }

    /** The next delivery due, locked for this transaction; empty when none is due. */
    public Optional<Delivery> claimDue() {
        try (Connection db = dataSource.getConnection(); PreparedStatement claim = db.prepareStatement(CLAIM_DUE);
             ResultSet row = claim.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new Delivery(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                    row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                    row.getInt(8)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the delivery log", e);
        }
    }

    /** The delivery went out on try number {@code attempts}. */
    public void sent(UUID id, int attempts, String subject) {
        update(SENT, attempts, subject, id);
    }

    /** Try number {@code attempts} failed with {@code error}; the next comes at {@code nextAttemptAt}. */
    public void retryLater(UUID id, int attempts, String error, Instant nextAttemptAt) {
        update(RETRY, attempts, error, Timestamp.from(nextAttemptAt), id);
    }

    /** The last try failed with {@code error}: no more tries. */
    public void giveUp(UUID id, int attempts, String error) {
        update(GIVE_UP, attempts, error, id);
    }

    private int update(String statement, Object... values) {
        return Statements.update(dataSource, "write the delivery log", statement, values);
    }
}
