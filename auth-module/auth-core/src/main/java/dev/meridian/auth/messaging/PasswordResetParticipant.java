package dev.meridian.auth.messaging;

import dev.meridian.auth.command.EndPasswordResetHandler;
import dev.meridian.eventinfra.participant.ProcessOwnerParticipant;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * Auth's part in the password-reset process: when the process is cancelled (its time limit, the token's
 * lifetime, passed, or a newer request superseded it) the token stops working, if it was not used. Closing needs
 * nothing more: the password was set when the token was used.
 */
@Path("participants/password-reset")
public class PasswordResetParticipant extends ProcessOwnerParticipant {

    /** Where this participant listens. */
    public static final String PATH = "/api/auth/participants/password-reset";

    @Inject
    EndPasswordResetHandler end;

    @Override
    protected void onComplete(String lraId) {
        end.complete(lraId);
    }

    @Override
    protected void onCompensate(String lraId) {
        end.expire(lraId);
    }
}
