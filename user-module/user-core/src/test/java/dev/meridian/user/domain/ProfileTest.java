package dev.meridian.user.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.testing.AggregateScenario;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProfileTest {

    private static final UUID ADA = UUID.randomUUID();
    private static final UserProfileCreated CREATED =
            new UserProfileCreated(ADA, "ada@example.org", "Ada Lovelace", "en-GB");
    private static final UserProfileDiscarded DISCARDED = new UserProfileDiscarded(ADA, "registration cancelled");

    private static AggregateScenario<Profile, ProfileEvent> given(ProfileEvent... history) {
        return AggregateScenario.given(Profile::toReplay, history);
    }

    @Test
    void readsPreferencesWhoseKeyIsShreddedAsNone() {
        Profile erased = given(CREATED, new PreferencesChanged(ADA, null), new UserErased(ADA))
                .when(profile -> { }).thenRecordedNothing();

        assertThat(erased.preferences()).isEqualTo(Preferences.NONE);
    }

    @Test
    void recordsAVerifiedAddressOnceAndNotOnADiscardedOrErasedProfile() {
        EmailVerified verified = new EmailVerified(ADA);
        assertThat(given(CREATED).when(Profile::verifyEmail).thenRecorded(verified).emailVerified()).isTrue();
        given(CREATED, verified).when(Profile::verifyEmail).thenRecordedNothing();
        given(CREATED, DISCARDED).when(Profile::verifyEmail).thenRecordedNothing();
        given(CREATED, new UserErased(ADA)).when(Profile::verifyEmail).thenRecordedNothing();
        assertThat(given(CREATED).when(profile -> { }).thenRecordedNothing().emailVerified()).isFalse();
    }

    @Test
    void createsTheProfileOfANewAccount() {
        Profile profile = Profile.create(ADA, "ada@example.org", DisplayName.of(" Ada Lovelace "),
                LanguageTag.of("en_gb"));

        assertThat(profile.recordedEvents()).containsExactly(CREATED);
        assertThat(profile.preferences()).isEqualTo(Preferences.NONE);
    }

    @Test
    void recordsAnUpdateOnlyWhenSomethingChanged() {
        given(CREATED).when(profile -> profile.update(DisplayName.of("Countess of Lovelace"), null))
                .thenRecorded(new UserProfileUpdated(ADA, "Countess of Lovelace", "en-GB"));
        given(CREATED).when(profile -> profile.update(null, LanguageTag.of("de-CH")))
                .thenRecorded(new UserProfileUpdated(ADA, "Ada Lovelace", "de-CH"));
        given(CREATED).when(profile -> profile.update(DisplayName.of("Ada Lovelace"), LanguageTag.of("en-GB")))
                .thenRecordedNothing();
    }

    @Test
    void replacesPreferencesWholeAndOnlyWhenTheyDiffer() {
        Map<String, Object> dark = Map.of("theme", "dark", "newsletter", false);
        Profile profile = given(CREATED).when(it -> it.changePreferences(new Preferences(dark)))
                .thenRecorded(new PreferencesChanged(ADA, dark));
        assertThat(profile.preferences().values()).isEqualTo(dark);

        given(CREATED, new PreferencesChanged(ADA, dark)).when(it -> it.changePreferences(new Preferences(dark)))
                .thenRecordedNothing();
        given(CREATED, new PreferencesChanged(ADA, dark)).when(it -> it.changePreferences(Preferences.NONE))
                .thenRecorded(new PreferencesChanged(ADA, Map.of()));
    }

    @Test
    void discardsOnceAndRefusesChangesAfterwards() {
        given(CREATED).when(profile -> profile.discard(DISCARDED.reason())).thenRecorded(DISCARDED);
        given(CREATED, DISCARDED).when(profile -> profile.discard("again")).thenRecordedNothing();
        given(CREATED, DISCARDED).when(profile -> profile.update(DisplayName.of("Ada"), null))
                .thenRefused(ProfileStateException.class);
        given(CREATED, DISCARDED).when(profile -> profile.changePreferences(Preferences.NONE))
                .thenRefused(ProfileStateException.class);
    }

    @Test
    void readsAProfileWhosePersonsKeyWasShreddedWithoutItsPersonalData() {
        Profile profile = given(new UserProfileCreated(ADA, null, null, "en"))
                .when(it -> it.update(null, LanguageTag.of("fr"))).thenRecorded(new UserProfileUpdated(ADA, null, "fr"));

        assertThat(profile.email()).isNull();
        assertThat(profile.displayName()).isNull();
    }

    @Test
    void saysItIsBeingErasedFromTheFreezeUntilTheThaw() {
        Profile profile = Profile.create(ADA, "ada@example.org", DisplayName.of("Ada Lovelace"), LanguageTag.of("en"));
        assertThat(profile.beingErased()).isFalse();

        profile.freezeForErasure(ADA);
        assertThat(profile.beingErased()).as("frozen: nothing new about the person may start").isTrue();

        profile.thaw();
        assertThat(profile.beingErased()).isFalse();
    }

    @Test
    void freezesForAnErasureThawsWhenItIsCancelledAndRefusesEverythingOnceErased() {
        UserErasureRequested frozen = new UserErasureRequested(ADA, ADA);
        given(CREATED).when(it -> it.freezeForErasure(ADA)).thenRecorded(frozen);
        given(CREATED, frozen).when(it -> it.freezeForErasure(ADA)).thenRecordedNothing();
        given(CREATED, frozen).when(it -> it.update(DisplayName.of("Someone Else"), null))
                .thenRefused(ProfileStateException.class);

        given(CREATED, frozen).when(Profile::thaw).thenRecorded(new UserErasureCancelled(ADA));
        given(CREATED, frozen, new UserErasureCancelled(ADA))
                .when(it -> it.update(DisplayName.of("Someone Else"), null))
                .thenRecorded(new UserProfileUpdated(ADA, "Someone Else", "en-GB"));

        Profile erased = given(CREATED, frozen).when(Profile::erase).thenRecorded(new UserErased(ADA));
        assertThat(erased.erased()).isTrue();
        given(CREATED, frozen, new UserErased(ADA)).when(Profile::erase).thenRecordedNothing();
        given(CREATED, frozen, new UserErased(ADA)).when(Profile::thaw).thenRecordedNothing();
        given(CREATED, frozen, new UserErased(ADA)).when(it -> it.changePreferences(Preferences.NONE))
                .thenRefused(ProfileStateException.class);
    }

    @Test
    void restoresFromItsSnapshotTheStateItsEventsBuilt() {
        Profile lived = given(CREATED, new PreferencesChanged(ADA, Map.of("newsletter", true)),
                new EmailVerified(ADA)).when(profile -> { }).thenRecordedNothing();

        Profile restored = Profile.toReplay();
        restored.restore(lived.snapshot());

        assertThat(restored.snapshot()).isEqualTo(lived.snapshot());
        assertThat(restored.displayName()).isEqualTo(new DisplayName("Ada Lovelace"));
        assertThat(restored.preferences().values()).containsEntry("newsletter", true);
        assertThat(restored.emailVerified()).isTrue();
        restored.update(new DisplayName("Countess Lovelace"), null);
        assertThat(restored.recordedEvents()).containsExactly(
                new UserProfileUpdated(ADA, "Countess Lovelace", "en-GB"));
    }
}
