package dev.meridian.user.command;

import dev.meridian.eventinfra.api.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records on the profile that the person verified their address ({@code EmailVerified}), once. An account without
 * a profile (the administrator made at start-up) has nothing to record.
 */
@ApplicationScoped
public class VerifyEmailHandler {

    @Inject
    ProfileRecords records;

    @Transactional
    public void handle(UUID userId) {
        records.profiles().load(userId).ifPresent(profile -> {
            profile.verifyEmail();
            records.profiles().save(userId, profile, new EventMetadata(Optional.empty(), Optional.empty(),
                    Optional.of(userId.toString()), Map.of()));
        });
    }
}
