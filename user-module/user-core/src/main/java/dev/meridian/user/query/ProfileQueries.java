package dev.meridian.user.query;

import dev.meridian.user.command.ProfileRecords;
import dev.meridian.user.domain.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Profiles read from their streams. */
@ApplicationScoped
public class ProfileQueries {

    @Inject
    ProfileRecords records;

    /** The profile of {@code userId}; empty when there is none, or it was discarded or erased. */
    public Optional<ProfileView> profile(UUID userId) {
        return records.profiles().load(userId).filter(profile -> !profile.discarded() && !profile.erased()).map(this::view);
    }

    /** How {@code profile}, just loaded or changed, is shown. */
    public ProfileView view(Profile profile) {
        return new ProfileView(profile.userId(), profile.email(),
                profile.displayName() == null ? null : profile.displayName().value(), profile.locale().value(),
                profile.emailVerified(), profile.preferences().values(), records.profiles().createdAt(profile.userId()).orElseThrow());
    }
}
