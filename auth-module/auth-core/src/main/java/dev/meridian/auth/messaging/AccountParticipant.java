package dev.meridian.auth.messaging;

import dev.meridian.auth.command.ActivateAccountHandler;
import dev.meridian.auth.command.CancelRegistrationHandler;
import dev.meridian.eventinfra.participant.ProcessOwnerParticipant;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * Auth's part in the registration process: the pending account becomes active when the process closes, or is
 * cancelled (its address freed) when it is cancelled.
 */
@Path("participants/registration")
public class AccountParticipant extends ProcessOwnerParticipant {

    /** Where this participant listens. */
    public static final String PATH = "/api/auth/participants/registration";

    @Inject
    ActivateAccountHandler activate;

    @Inject
    CancelRegistrationHandler cancel;

    @Override
    protected void onComplete(String lraId) {
        activate.handle(lraId);
    }

    @Override
    protected void onCompensate(String lraId) {
        cancel.handle(lraId);
    }
}
