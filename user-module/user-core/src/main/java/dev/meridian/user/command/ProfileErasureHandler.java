package dev.meridian.user.command;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.sourcing.ConflictRetries;
import dev.meridian.user.domain.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The user module's part in the erasure process it runs. The step freezes the profile
 * ({@code UserErasureRequested}); closing erases it ({@code UserErased}), deletes the person's data exports and
 * shreds the person's key, so every
 * personal field of every stored event, in every module's streams, reads as absent from then on; cancelling thaws it
 * ({@code UserErasureCancelled}). Each runs in its own transaction with its record in the process log, tried again
 * when the owner changes the profile at the same moment; a repeated callback does nothing.
 */
@ApplicationScoped
public class ProfileErasureHandler {

    @Inject
    ProfileRecords records;

    @Inject
    EventStore eventStore;

    @Inject
    ProcessLog processLog;

    @Inject
    DataExports dataExports;

    @Inject
    @ServerResource
    UserTransaction transaction;

    /**
     * Freezes the profile of {@code userId} for the erasure process {@code lraId}.
     *
     * @return false when the process was cancelled before this step
     * @throws NoSuchProfileException when there is no such profile
     */
    public boolean freeze(String lraId, UUID userId, UUID requestedBy) {
        return ConflictRetries.inOwnTransaction(transaction, () -> {
            Profile profile = records.existing(userId);
            ProcessLog.Joining joining = processLog.join(lraId, CreateProfileHandler.MODULE, userId,
                    "profile frozen");
            if (joining == ProcessLog.Joining.JOINED) {
                profile.freezeForErasure(requestedBy);
                save(userId, profile);
            }
            return joining != ProcessLog.Joining.CANCELLED;
        });
    }

    /** The process closed: the profile is erased and the person's key shredded. */
    public void erase(String lraId) {
        ConflictRetries.inOwnTransaction(transaction, () -> {
            processLog.complete(lraId, CreateProfileHandler.MODULE).ifPresent(userId -> {
                change(userId, Profile::erase);
                dataExports.erase(userId);
                eventStore.forgetSubject(userId.toString());
                processLog.record(lraId, CreateProfileHandler.MODULE, "key shredded", null);
            });
            return null;
        });
    }

    /** The process was cancelled: the profile may change again. */
    public void thaw(String lraId) {
        ConflictRetries.inOwnTransaction(transaction, () -> {
            processLog.compensate(lraId, CreateProfileHandler.MODULE, "erasure cancelled")
                    .ifPresent(userId -> change(userId, Profile::thaw));
            return null;
        });
    }

    private void change(UUID userId, Consumer<Profile> change) {
        records.profiles().load(userId).ifPresent(profile -> {
            change.accept(profile);
            save(userId, profile);
        });
    }

    private void save(UUID userId, Profile profile) {
        records.profiles().save(userId, profile, new EventMetadata(Optional.empty(), Optional.empty(),
                Optional.of("erasure"), Map.of()));
    }
}
