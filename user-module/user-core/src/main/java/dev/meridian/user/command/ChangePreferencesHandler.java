package dev.meridian.user.command;

import dev.meridian.user.domain.Preferences;
import dev.meridian.user.domain.Profile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Replaces a profile's preferences ({@code PreferencesChanged}, only for a real change). */
@ApplicationScoped
public class ChangePreferencesHandler {

    @Inject
    ProfileRecords records;

    /**
     * @return the profile as it is now
     * @throws IllegalArgumentException when a preference is invalid
     * @throws NoSuchProfileException   when there is no profile
     */
    @Transactional
    public Profile handle(ChangePreferences command) {
        Preferences preferences = new Preferences(command.preferences());
        Profile profile = records.existing(command.userId());
        profile.changePreferences(preferences);
        records.saveAsOwner(profile);
        return profile;
    }
}
