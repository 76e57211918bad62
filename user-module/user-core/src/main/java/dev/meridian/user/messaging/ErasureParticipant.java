package dev.meridian.user.messaging;

import dev.meridian.eventinfra.participant.ProcessOwnerParticipant;
import dev.meridian.user.command.ProfileErasureHandler;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/**
 * The user module's part in the erasure process it runs: the profile is erased and the key shredded when the process
 * closes, thawed when it is cancelled.
 */
@Path("participants/erasure")
public class ErasureParticipant extends ProcessOwnerParticipant {

    /** Where this participant listens. */
    public static final String PATH = "/api/users/participants/erasure";

    @Inject
    ProfileErasureHandler erasure;

    @Override
    protected void onComplete(String lraId) {
        erasure.erase(lraId);
    }

    @Override
    protected void onCompensate(String lraId) {
        erasure.thaw(lraId);
    }
}
