package dev.meridian.notification.command;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.store.StreamIds;
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
 * The delivery log ({@code notification.deliveries}) and the notification module's part in the processes. In the
 * registration process the welcome mail is held while the process runs, queued when it closes, cancelled when it
 * is cancelled. In the password-reset process the reset mail is queued at once, the confirmation queued when the
 * process closes, and a reset mail not yet sent is cancelled when the process is cancelled. A finished data export
 * is mailed outside any process. Each step records
 * itself in the process log in the same transaction; a repeated step does nothing.
 */
@ApplicationScoped
public class Deliveries {

    /** The module's name in the process log. */
    public static final String MODULE = "notification";
    /** The kind of the mail that greets a new account. */
    public static final String WELCOME = "WELCOME";
    /** The kind of the mail with a password-reset link. */
    public static final String PASSWORD_RESET = "PASSWORD_RESET";
    /** The kind of the mail that confirms a password reset. */
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    /** The kind of the mail with a new email-verification link. */
    public static final String EMAIL_VERIFICATION = "EMAIL_VERIFICATION";
    /** The kind of the mail that says a data export is ready, with its link. */
    public static final String DATA_EXPORT_READY = "DATA_EXPORT_READY";

    private static final String HOLD = """
            insert into notification.deliveries (id, user_id, kind, channel, recipient, display_name, locale, lra_id,
                status, link, link_expires_at) values (?, ?, ?, 'EMAIL', ?, ?, ?, ?, 'HELD', ?, ?)
            """;
    private static final String HOLD_WITH_LINK = """
            insert into notification.deliveries (id, user_id, kind, channel, recipient, locale, lra_id, status, link,
                link_expires_at) values (?, ?, ?, 'EMAIL', ?, ?, ?, 'HELD', ?, ?)
            """;
    private static final String QUEUE_WITH_LINK = """
            insert into notification.deliveries (id, user_id, kind, channel, recipient, locale, lra_id, status,
                next_attempt_at, link, link_expires_at) values (?, ?, ?, 'EMAIL', ?, ?, ?, 'QUEUED', now(), ?, ?)
            """;
    // the confirmation goes where the reset mail went, in the same language
    private static final String QUEUE_FOLLOW_UP = """
            insert into notification.deliveries (id, user_id, kind, channel, recipient, locale, lra_id, status,
                next_attempt_at)
            select ?, user_id, ?, channel, recipient, locale, lra_id, 'QUEUED', now() from notification.deliveries
            where lra_id = ? and kind = ?
            """;
    private static final String HOLD_FOR_ERASURE = """
            update notification.deliveries set status = 'HELD', held_by_lra = ?, next_attempt_at = null
            where user_id = ? and status = 'QUEUED'
            """;
    private static final String RELEASE_AFTER_ERASURE = """
            update notification.deliveries set status = 'QUEUED', held_by_lra = null, next_attempt_at = now()
            where held_by_lra = ?
            """;
    private static final String ERASE = "delete from notification.deliveries where user_id = ?";
    private static final String RELEASE = """
            update notification.deliveries set status = 'QUEUED', next_attempt_at = now()
            where lra_id = ? and status = 'HELD'
            """;
    private static final String CANCEL = """
            update notification.deliveries set status = 'CANCELLED', link = null, next_attempt_at = null
            where lra_id = ? and status in ('HELD', 'QUEUED')
            """;
    // one at a time, skipping what another server is sending, so several servers share the work
    private static final String CLAIM_DUE = """
            select id, user_id, kind, channel, recipient, display_name, locale, attempts, link, link_expires_at
            from notification.deliveries
            where status = 'QUEUED' and next_attempt_at <= now() order by next_attempt_at
            limit 1 for update skip locked
            """;
    private static final String SENT = """
            update notification.deliveries set status = 'SENT', attempts = ?, subject = ?, sent_at = now(),
                last_error = null, next_attempt_at = null, link = null where id = ?
            """;
    private static final String RETRY = """
            update notification.deliveries set attempts = ?, last_error = ?, next_attempt_at = ? where id = ?
            """;
    private static final String GIVE_UP = """
            update notification.deliveries set status = 'FAILED', attempts = ?, last_error = ?, next_attempt_at = null,
                link = null where id = ?
            """;

    @Inject
    DataSource dataSource;

    @Inject
    ProcessLog processLog;

    /**
     * Holds the welcome mail of the registration {@code lraId}, with the link that verifies the address.
     *
     * @return false when the registration was cancelled before this step
     */
    @Transactional
    public boolean holdWelcome(String lraId, UUID userId, String email, String displayName, String locale,
                               String verificationLink, Instant verificationLinkExpiresAt) {
        ProcessLog.Joining joining = processLog.join(lraId, MODULE, userId, "welcome mail held");
        if (joining == ProcessLog.Joining.JOINED) {
            update(HOLD, UUID.randomUUID(), userId, WELCOME, email, displayName, locale, lraId, verificationLink,
                    Timestamp.from(verificationLinkExpiresAt));
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

    /**
     * Queues the reset mail of the password-reset process {@code lraId}, with its {@code link}: it goes out at once,
     * since the process stays open until the link is used or expires.
     *
     * @return false when the process was cancelled before this step
     */
    @Transactional
    public boolean queuePasswordReset(String lraId, UUID userId, String email, String locale, String link,
                                      Instant expiresAt) {
        return joinWithLink(QUEUE_WITH_LINK, lraId, PASSWORD_RESET, "reset mail queued", userId, email, locale, link,
                expiresAt);
    }

    /**
     * Holds the mail with a new email-verification link of the process {@code lraId} until the process closes
     * ({@link #release}), which it does right after this step.
     *
     * @return false when the process was cancelled before this step
     */
    @Transactional
    public boolean holdVerification(String lraId, UUID userId, String email, String locale, String link,
                                    Instant expiresAt) {
        return joinWithLink(HOLD_WITH_LINK, lraId, EMAIL_VERIFICATION, "verification mail held", userId, email,
                locale, link, expiresAt);
    }

    private boolean joinWithLink(String insert, String lraId, String kind, String step, UUID userId, String email,
                                 String locale, String link, Instant expiresAt) {
        ProcessLog.Joining joining = processLog.join(lraId, MODULE, userId, step);
        if (joining == ProcessLog.Joining.JOINED) {
            update(insert, UUID.randomUUID(), userId, kind, email, locale, lraId, link, Timestamp.from(expiresAt));
        }
        return joining != ProcessLog.Joining.CANCELLED;
    }

    /** Queues the mail that tells {@code userId} their data export is ready at {@code link} until {@code expiresAt}. */
    @Transactional
    public void queueDataExportReady(UUID userId, String email, String locale, String link, Instant expiresAt) {
        update(QUEUE_WITH_LINK, UUID.randomUUID(), userId, DATA_EXPORT_READY, email, locale, null, link,
                Timestamp.from(expiresAt));
    }

    /** The stream of the events of delivery {@code deliveryId}. */
    public static String streamOf(UUID deliveryId) {
        return StreamIds.of("notification", deliveryId);
    }

    /**
     * Queues the confirmation of the closed password-reset process {@code lraId}.
     *
     * @return whether this call queued it
     */
    @Transactional
    public boolean confirmPasswordReset(String lraId) {
        return processLog.complete(lraId, MODULE).map(userId -> update(QUEUE_FOLLOW_UP, UUID.randomUUID(),
                PASSWORD_CHANGED, lraId, PASSWORD_RESET) == 1).orElse(false);
    }

    /** Cancels the mail of the cancelled process {@code lraId} that has not gone out: it never will. */
    @Transactional
    public void cancel(String lraId, String reason) {
        processLog.compensate(lraId, MODULE, reason).ifPresent(userId -> update(CANCEL, lraId));
    }

    /**
     * Holds back the mails waiting to go to {@code userId}, for the erasure process {@code lraId}.
     *
     * @return false when the process was cancelled before this step
     */
    @Transactional
    public boolean holdForErasure(String lraId, UUID userId) {
        ProcessLog.Joining joining = processLog.join(lraId, MODULE, userId, "mails held back");
        if (joining == ProcessLog.Joining.JOINED) {
            update(HOLD_FOR_ERASURE, lraId, userId);
        }
        return joining != ProcessLog.Joining.CANCELLED;
    }

    /** The erasure process {@code lraId} closed: the person's whole delivery log is deleted. */
    @Transactional
    public void erase(String lraId) {
        processLog.complete(lraId, MODULE).ifPresent(userId -> update(ERASE, userId));
    }

    /**
     * The erasure process {@code lraId} was cancelled: the mails it held back go out.
     *
     * @return whether this call released them
     */
    @Transactional
    public boolean releaseAfterCancelledErasure(String lraId) {
        return processLog.compensate(lraId, MODULE, "erasure cancelled")
                .map(userId -> update(RELEASE_AFTER_ERASURE, lraId) > 0).orElse(false);
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
                    row.getInt(8), row.getString(9), Optional.ofNullable(row.getTimestamp(10)).map(Timestamp::toInstant)
                    .orElse(null)));
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
