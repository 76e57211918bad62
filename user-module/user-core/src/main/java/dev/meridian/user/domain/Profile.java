package dev.meridian.user.domain;

import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.PersonalData;
import dev.meridian.eventinfra.api.Snapshotable;
import dev.meridian.user.api.EmailVerified;
import dev.meridian.user.api.PreferencesChanged;
import dev.meridian.user.api.ProfileEvent;
import dev.meridian.user.api.UserErased;
import dev.meridian.user.api.UserErasureCancelled;
import dev.meridian.user.api.UserErasureRequested;
import dev.meridian.user.api.UserProfileCreated;
import dev.meridian.user.api.UserProfileDiscarded;
import dev.meridian.user.api.UserProfileUpdated;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A person's profile: the email address they registered with, their display name, locale and preferences. The
 * registration process creates it and, when that process is cancelled, discards it; a repeated step of that process
 * records nothing. Only real changes are recorded. While the person's erasure runs the profile is frozen; once it
 * closed the profile is erased and nothing can change it.
 */
public final class Profile extends AggregateRoot<ProfileEvent> implements Snapshotable<Profile.Snapshot> {

    /**
     * The whole state of a profile, for a snapshot. Its personal components are sealed with the person's key, as in
     * the events, and read as null once the person is forgotten.
     */
    public record Snapshot(@DataSubject UUID userId, @PersonalData String email, @PersonalData String displayName,
                           String locale, @PersonalData Map<String, Object> preferences, boolean emailVerified,
                           boolean discarded, boolean frozen, boolean erased) {
    }

    private UUID userId;
    private String email;
    private DisplayName displayName;
    private LanguageTag locale;
    private Preferences preferences = Preferences.NONE;
    private boolean emailVerified;
    private boolean discarded;
    private boolean frozen;
    private boolean erased;

    private Profile() {
    }

    /** A profile with no history yet, for a repository to replay its stream into. */
    public static Profile toReplay() {
        return new Profile();
    }

    /** The registration process creates the profile of a new account. */
    public static Profile create(UUID userId, String email, DisplayName displayName, LanguageTag locale) {
        Profile profile = new Profile();
        profile.record(new UserProfileCreated(userId, email, displayName.value(), locale.value()));
        return profile;
    }

    /** The person changes their display name and locale; a value not given stays as it is. */
    public void update(DisplayName newDisplayName, LanguageTag newLocale) {
        refuseUnlessChangeable();
        DisplayName name = newDisplayName == null ? displayName : newDisplayName;
        LanguageTag tag = newLocale == null ? locale : newLocale;
        if (!Objects.equals(name, displayName) || !tag.equals(locale)) {
            record(new UserProfileUpdated(userId, name == null ? null : name.value(), tag.value()));
        }
    }

    /** The person replaces their preferences with {@code newPreferences}. */
    public void changePreferences(Preferences newPreferences) {
        refuseUnlessChangeable();
        if (!newPreferences.equals(preferences)) {
            record(new PreferencesChanged(userId, newPreferences.values()));
        }
    }

    /**
     * The person proved the address is theirs. Recorded once; a discarded or erased profile has no address left to
     * verify, and one being erased still learns it (the erasure may be cancelled).
     */
    public void verifyEmail() {
        if (!emailVerified && !discarded && !erased) {
            record(new EmailVerified(userId));
        }
    }

    /** The registration that created the profile was cancelled. */
    public void discard(String reason) {
        if (!discarded) {
            record(new UserProfileDiscarded(userId, reason));
        }
    }

    /** The person's erasure began, asked for by {@code requestedBy}: the profile cannot change until it ends. */
    public void freezeForErasure(UUID requestedBy) {
        if (discarded) {
            throw new ProfileStateException("The profile of " + userId + " was discarded");
        }
        if (!frozen && !erased) {
            record(new UserErasureRequested(userId, requestedBy));
        }
    }

    /** The erasure was cancelled: the profile may change again. */
    public void thaw() {
        if (frozen) {
            record(new UserErasureCancelled(userId));
        }
    }

    /** The erasure closed. */
    public void erase() {
        if (!erased) {
            record(new UserErased(userId));
        }
    }

    private void refuseUnlessChangeable() {
        if (discarded) {
            throw new ProfileStateException("The profile of " + userId + " was discarded");
        }
        if (erased) {
            throw new ProfileStateException("The profile of " + userId + " was erased");
        }
        if (frozen) {
            throw new ProfileStateException("The profile of " + userId + " is being erased and cannot change");
        }
    }

    public UUID userId() {
        return userId;
    }

    /** The registered email address; null once the person's key is shredded. */
    public String email() {
        return email;
    }

    /** The display name; null once the person's key is shredded. */
    public DisplayName displayName() {
        return displayName;
    }

    public LanguageTag locale() {
        return locale;
    }

    public Preferences preferences() {
        return preferences;
    }

    /** Whether the person proved the address is theirs. */
    public boolean emailVerified() {
        return emailVerified;
    }

    public boolean discarded() {
        return discarded;
    }

    /** Whether the person was erased. */
    public boolean erased() {
        return erased;
    }

    /** Whether the person's erasure runs: nothing about them may start now, since it would outlive them. */
    public boolean beingErased() {
        return frozen;
    }

    @Override
    public Snapshot snapshot() {
        // no preferences are none at all, not an empty map: a forgotten person's snapshot then holds nothing to seal
        return new Snapshot(userId, email, displayName == null ? null : displayName.value(), locale.value(),
                preferences.values().isEmpty() ? null : preferences.values(), emailVerified, discarded, frozen,
                erased);
    }

    @Override
    public void restore(Snapshot snapshot) {
        userId = snapshot.userId();
        email = snapshot.email();
        displayName = snapshot.displayName() == null ? null : new DisplayName(snapshot.displayName());
        locale = new LanguageTag(snapshot.locale());
        preferences = snapshot.preferences() == null ? Preferences.NONE : new Preferences(snapshot.preferences());
        emailVerified = snapshot.emailVerified();
        discarded = snapshot.discarded();
        frozen = snapshot.frozen();
        erased = snapshot.erased();
    }

    @Override
    protected void apply(ProfileEvent event) {
        if (event instanceof UserProfileCreated created) {
            userId = created.userId();
            email = created.email();
            displayName = created.displayName() == null ? null : new DisplayName(created.displayName());
            locale = new LanguageTag(created.locale());
        } else if (event instanceof UserProfileUpdated updated) {
            displayName = updated.displayName() == null ? null : new DisplayName(updated.displayName());
            locale = new LanguageTag(updated.locale());
        } else if (event instanceof PreferencesChanged changed) {
            // none once the person's key is shredded
            preferences = changed.preferences() == null ? Preferences.NONE : new Preferences(changed.preferences());
        } else if (event instanceof EmailVerified) {
            emailVerified = true;
        } else if (event instanceof UserProfileDiscarded) {
            discarded = true;
        } else if (event instanceof UserErasureRequested) {
            frozen = true;
        } else if (event instanceof UserErasureCancelled) {
            frozen = false;
        } else if (event instanceof UserErased) {
            frozen = false;
            erased = true;
        }
    }
}
