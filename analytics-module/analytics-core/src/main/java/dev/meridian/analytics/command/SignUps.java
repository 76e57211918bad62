package dev.meridian.analytics.command;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Analytics' part in the registration process: a sign-up is pending while the process runs (registrations in
 * progress), confirmed when it closes, dropped when it is cancelled. Each step records itself in the process log in the same
 * transaction, and a repeated step finds nothing left to do.
 */
@ApplicationScoped
public class SignUps {

    /** The module's name in the process log. */
    public static final String MODULE = "analytics";

    private static final String ADD_PENDING = "insert into analytics.pending_signups (user_id, lra_id) values (?, ?)";
    private static final String DROP_PENDING = "delete from analytics.pending_signups where user_id = ?";

    @Inject
    DataSource dataSource;

    @Inject
    ProcessLog processLog;

    /**
     * Keeps the sign-up of {@code userId} pending.
     *
     * @return false when the process was cancelled before this step
     */
    @Transactional
    public boolean begin(String lraId, UUID userId) {
        ProcessLog.Joining joining = processLog.join(lraId, MODULE, userId, "sign-up pending");
        if (joining == ProcessLog.Joining.JOINED) {
            update(ADD_PENDING, userId, lraId);
        }
        return joining != ProcessLog.Joining.CANCELLED;
    }

    /**
     * The process closed: the sign-up is no longer pending. It is counted from the account's activation, which the
     * same close brings ({@link dev.meridian.analytics.query.SignUpsProjection}).
     */
    @Transactional
    public void confirm(String lraId) {
        processLog.complete(lraId, MODULE).ifPresent(userId -> update(DROP_PENDING, userId));
    }

    /** Forgets the sign-up of the cancelled process. */
    @Transactional
    public void drop(String lraId) {
        processLog.compensate(lraId, MODULE, "registration cancelled").ifPresent(userId -> update(DROP_PENDING,
                userId));
    }

    private int update(String statement, Object... values) {
        return Statements.update(dataSource, "record a sign-up", statement, values);
    }
}
