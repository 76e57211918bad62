package dev.meridian.auth.command;

import dev.meridian.auth.token.PasswordResetTokens;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The password-reset process ended: auth's part is completed, or its unused token stops working. Idempotent. */
@ApplicationScoped
public class EndPasswordResetHandler {

    @Inject
    PasswordResetTokens tokens;

    @Inject
    ProcessLog processLog;

    /** The process closed: the token was used, nothing is left to do but say so. */
    @Transactional
    public void complete(String lraId) {
        processLog.complete(lraId, RegisterUserHandler.MODULE);
    }

    /** The process was cancelled: its token, if unused, stops working. */
    @Transactional
    public void expire(String lraId) {
        processLog.compensate(lraId, RegisterUserHandler.MODULE, "reset expired or superseded")
                .ifPresent(userId -> tokens.expire(lraId));
    }
}
