package dev.meridian.user.command;

import dev.meridian.user.domain.DisplayName;
import dev.meridian.user.domain.LanguageTag;
import dev.meridian.user.domain.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Changes a profile's display name and language ({@code UserProfileUpdated}, only for a real change). A change
 * made meanwhile fails the save ({@link dev.meridian.eventinfra.api.ConcurrencyConflictException}) rather than
 * being overwritten.
 */
@ApplicationScoped
public class UpdateProfileHandler {

    @Inject
    ProfileRecords records;

    /**
     * @return the profile as it is now
     * @throws IllegalArgumentException when a value is invalid
     * @throws NoSuchProfileException   when there is no profile
     */
    @Transactional
    public Profile handle(UpdateProfile command) {
        DisplayName displayName = command.displayName() == null ? null : DisplayName.of(command.displayName());
        LanguageTag locale = command.locale() == null ? null : LanguageTag.of(command.locale());
        Profile profile = records.existing(command.userId());
        profile.update(displayName, locale);
        records.saveAsOwner(profile);
        return profile;
    }
}
