package dev.meridian.user.command;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * Undoes the user module's registration step: the profile is discarded ({@code UserProfileDiscarded}). When the
 * step never happened, the process log remembers the cancellation so that a late step does nothing; when it was
 * undone before, nothing changes.
 */
@ApplicationScoped
public class DiscardProfileHandler {

    @Inject
    ProfileRecords records;

    @Inject
    ProcessLog processLog;

    @Transactional
    public void handle(String lraId) {
        processLog.compensate(lraId, CreateProfileHandler.MODULE, "registration cancelled")
                .flatMap(userId -> records.profiles().load(userId).map(profile -> {
                    profile.discard("registration cancelled");
                    return records.profiles().save(userId, profile, new EventMetadata(Optional.empty(),
                            Optional.empty(), Optional.of("registration"), Map.of()));
                }));
    }
}
