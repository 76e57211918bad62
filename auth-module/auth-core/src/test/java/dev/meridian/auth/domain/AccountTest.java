package dev.meridian.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.auth.api.AccountActivated;
import dev.meridian.auth.api.AccountDisabled;
import dev.meridian.auth.api.AccountErased;
import dev.meridian.auth.api.AccountEvent;
import dev.meridian.auth.api.AccountRestored;
import dev.meridian.auth.api.EmailAddressVerified;
import dev.meridian.auth.api.LoginFailed;
import dev.meridian.auth.api.PasswordChanged;
import dev.meridian.auth.api.PasswordResetRequested;
import dev.meridian.auth.api.RegistrationCancelled;
import dev.meridian.auth.api.RolesChanged;
import dev.meridian.auth.api.UserLoggedIn;
import dev.meridian.auth.api.UserLoggedOut;
import dev.meridian.auth.api.UserRegistered;
import dev.meridian.eventinfra.testing.AggregateScenario;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final UUID ADA = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID SESSION = UUID.randomUUID();
    private static final int SESSION_LIMIT = 100;
    private static final UserRegistered REGISTERED = new UserRegistered(ADA, "ada@example.org", List.of("user"));
    private static final AccountActivated ACTIVATED = new AccountActivated(ADA);

    private static AggregateScenario<Account, AccountEvent> given(AccountEvent... history) {
        return AggregateScenario.given(Account::toReplay, history);
    }

    @Test
    void registersAPendingAccountWithANormalisedEmail() {
        Account account = Account.register(ADA, EmailAddress.of("  Ada@Example.ORG "), Set.of(Role.USER));

        assertThat(account.recordedEvents()).containsExactly(REGISTERED);
        assertThat(account.status()).isEqualTo(AccountStatus.PENDING);
        assertThat(account.email()).isEqualTo(new EmailAddress("ada@example.org"));
    }

    @Test
    void refusesAnAccountWithoutRoles() {
        assertThatThrownBy(() -> Account.register(ADA, EmailAddress.of("ada@example.org"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one role");
    }

    @Test
    void activatesAPendingAccountOnceAndIgnoresARepeat() {
        given(REGISTERED).when(Account::activate).thenRecorded(ACTIVATED);
        given(REGISTERED, ACTIVATED).when(Account::activate).thenRecordedNothing();
    }

    @Test
    void cancelsAPendingRegistrationOnceAndNeverActivatesItAfterwards() {
        RegistrationCancelled cancelled = new RegistrationCancelled(ADA, "the profile could not be created");
        given(REGISTERED).when(account -> account.cancelRegistration(cancelled.reason())).thenRecorded(cancelled);
        given(REGISTERED, cancelled).when(account -> account.cancelRegistration("again")).thenRecordedNothing();

        AccountStateException refusal = given(REGISTERED, cancelled).when(Account::activate)
                .thenRefused(AccountStateException.class);
        assertThat(refusal.status()).isEqualTo(AccountStatus.CANCELLED);
    }

    @Test
    void refusesToCancelARegistrationThatAlreadyClosed() {
        given(REGISTERED, ACTIVATED).when(account -> account.cancelRegistration("too late"))
                .thenRefused(AccountStateException.class);
    }

    @Test
    void verifiesAnActiveAccountsAddressOnceAndNoOtherAccounts() {
        EmailAddressVerified verified = new EmailAddressVerified(ADA);
        given(REGISTERED, ACTIVATED).when(Account::verifyEmail).thenRecorded(verified);
        assertThat(given(REGISTERED, ACTIVATED, verified).when(Account::verifyEmail).thenRecordedNothing()
                .emailVerified()).isTrue();
        assertThat(given(REGISTERED, ACTIVATED).when(account -> { }).thenRecordedNothing().emailVerified()).isFalse();

        AccountStateException pending = given(REGISTERED).when(Account::verifyEmail)
                .thenRefused(AccountStateException.class);
        assertThat(pending.status()).isEqualTo(AccountStatus.PENDING);
        given(REGISTERED, ACTIVATED, new AccountDisabled(ADA, "abuse")).when(Account::verifyEmail)
                .thenRefused(AccountStateException.class);
    }

    @Test
    void opensASessionOnlyForAnActiveAccount() {
        given(REGISTERED, ACTIVATED).when(account -> account.logIn(SESSION, SESSION_LIMIT))
                .thenRecorded(new UserLoggedIn(ADA, SESSION));
        given(REGISTERED).when(account -> account.logIn(SESSION, SESSION_LIMIT))
                .thenRecorded(new LoginFailed(ADA, "NOT_ACTIVE"));
        given(REGISTERED, ACTIVATED, new AccountDisabled(ADA, "fraud")).when(account -> account.logIn(SESSION, SESSION_LIMIT))
                .thenRecorded(new LoginFailed(ADA, "NOT_ACTIVE"));
    }

    @Test
    void recordsAWrongPassword() {
        given(REGISTERED, ACTIVATED).when(Account::refuseLogIn).thenRecorded(new LoginFailed(ADA, "WRONG_PASSWORD"));
    }

    @Test
    void endsAnOpenSessionOnceAndIgnoresOneThatIsNotOpen() {
        UserLoggedIn loggedIn = new UserLoggedIn(ADA, SESSION);
        UserLoggedOut loggedOut = new UserLoggedOut(ADA, SESSION);
        given(REGISTERED, ACTIVATED, loggedIn).when(account -> account.logOut(SESSION)).thenRecorded(loggedOut);
        given(REGISTERED, ACTIVATED, loggedIn, loggedOut).when(account -> account.logOut(SESSION))
                .thenRecordedNothing();
        given(REGISTERED, ACTIVATED).when(account -> account.logOut(UUID.randomUUID())).thenRecordedNothing();
    }

    @Test
    void changesRolesOnlyWhenTheyDiffer() {
        Account account = given(REGISTERED, ACTIVATED)
                .when(it -> it.changeRoles(Set.of(Role.USER, Role.ADMIN), ADMIN))
                .thenRecorded(new RolesChanged(ADA, List.of("user", "admin"), ADMIN));
        assertThat(account.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);

        given(REGISTERED, ACTIVATED).when(it -> it.changeRoles(Set.of(Role.USER), ADMIN)).thenRecordedNothing();
        given(REGISTERED, ACTIVATED).when(it -> it.changeRoles(Set.of(), ADMIN))
                .thenRefused(IllegalArgumentException.class);
    }

    @Test
    void disablingEndsEverySessionAndIsDoneOnce() {
        Account account = given(REGISTERED, ACTIVATED, new UserLoggedIn(ADA, SESSION))
                .when(it -> it.disable("fraud"))
                .thenRecorded(new AccountDisabled(ADA, "fraud"));
        assertThat(account.openSessions()).isEmpty();
        assertThat(account.status()).isEqualTo(AccountStatus.DISABLED);

        given(REGISTERED, ACTIVATED, new AccountDisabled(ADA, "fraud")).when(it -> it.disable("again"))
                .thenRecordedNothing();
    }

    @Test
    void resetsThePasswordOfAnActiveAccountOnlyAndEndsEverySession() {
        Instant expiresAt = Instant.parse("2026-11-22T12:30:00Z");
        given(REGISTERED, ACTIVATED).when(it -> it.requestPasswordReset(expiresAt))
                .thenRecorded(new PasswordResetRequested(ADA, expiresAt));
        given(REGISTERED).when(it -> it.requestPasswordReset(expiresAt)).thenRefused(AccountStateException.class);
        given(REGISTERED, ACTIVATED, new AccountDisabled(ADA, "fraud")).when(it -> it.requestPasswordReset(expiresAt))
                .thenRefused(AccountStateException.class);

        Account account = given(REGISTERED, ACTIVATED, new UserLoggedIn(ADA, SESSION),
                new PasswordResetRequested(ADA, expiresAt)).when(Account::changePasswordByReset)
                .thenRecorded(new PasswordChanged(ADA, "PASSWORD_RESET", null));
        assertThat(account.openSessions()).isEmpty();
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        given(REGISTERED, ACTIVATED, new AccountDisabled(ADA, "fraud")).when(Account::changePasswordByReset)
                .thenRefused(AccountStateException.class);
    }

    @Test
    void changingThePasswordEndsEverySessionButTheOneItWasChangedIn() {
        UUID other = UUID.randomUUID();
        Account account = given(REGISTERED, ACTIVATED, new UserLoggedIn(ADA, SESSION), new UserLoggedIn(ADA, other))
                .when(it -> it.changePassword(SESSION))
                .thenRecorded(new PasswordChanged(ADA, "PASSWORD_CHANGE", SESSION));
        assertThat(account.openSessions()).containsExactly(SESSION);

        Account fromAnEndedSession = given(REGISTERED, ACTIVATED, new UserLoggedIn(ADA, other))
                .when(it -> it.changePassword(SESSION))
                .thenRecorded(new PasswordChanged(ADA, "PASSWORD_CHANGE", null));
        assertThat(fromAnEndedSession.openSessions()).isEmpty();
        given(REGISTERED).when(it -> it.changePassword(SESSION)).thenRefused(AccountStateException.class);
    }

    @Test
    void readsAnAccountWhosePersonsKeyWasShreddedWithoutItsAddress() {
        Account account = given(new UserRegistered(ADA, null, List.of("user")), ACTIVATED)
                .when(it -> it.logIn(SESSION, SESSION_LIMIT)).thenRecorded(new UserLoggedIn(ADA, SESSION));

        assertThat(account.email()).isNull();
    }

    @Test
    void disablesForAnErasureRestoresOnlyWhatTheErasureDisabledAndErasesOnce() {
        AccountDisabled forErasure = new AccountDisabled(ADA, "ERASURE");
        Account disabled = given(REGISTERED, ACTIVATED, new UserLoggedIn(ADA, SESSION))
                .when(Account::disableForErasure).thenRecorded(forErasure);
        assertThat(disabled.openSessions()).isEmpty();

        given(REGISTERED, ACTIVATED, forErasure).when(Account::restoreAfterCancelledErasure)
                .thenRecorded(new AccountRestored(ADA, "erasure cancelled"));
        given(REGISTERED, ACTIVATED, new AccountDisabled(ADA, "fraud")).when(Account::restoreAfterCancelledErasure)
                .thenRecordedNothing();
        given(REGISTERED).when(Account::disableForErasure).thenRefused(AccountStateException.class);

        Account erased = given(REGISTERED, ACTIVATED, forErasure).when(Account::erase)
                .thenRecorded(new AccountErased(ADA));
        assertThat(erased.status()).isEqualTo(AccountStatus.ERASED);
        given(REGISTERED, ACTIVATED, forErasure, new AccountErased(ADA)).when(Account::erase).thenRecordedNothing();
        given(REGISTERED, ACTIVATED, forErasure, new AccountErased(ADA)).when(it -> it.logIn(SESSION, SESSION_LIMIT))
                .thenRecorded(new LoginFailed(ADA, "NOT_ACTIVE"));
    }

    @Test
    void restoresFromItsSnapshotTheStateItsEventsBuilt() {
        UUID otherSession = UUID.randomUUID();
        Account lived = given(REGISTERED, ACTIVATED, new UserLoggedIn(ADA, SESSION), new UserLoggedIn(ADA, otherSession),
                new EmailAddressVerified(ADA)).when(account -> { }).thenRecordedNothing();

        Account restored = Account.toReplay();
        restored.restore(lived.snapshot());

        assertThat(restored.snapshot()).isEqualTo(lived.snapshot());
        assertThat(restored.email()).isEqualTo(new EmailAddress("ada@example.org"));
        assertThat(restored.openSessions()).containsExactly(SESSION, otherSession);
        restored.logOut(SESSION);
        assertThat(restored.recordedEvents()).containsExactly(new UserLoggedOut(ADA, SESSION));
    }

    @Test
    void endsTheOldestSessionsToStayWithinTheLimit() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        Account account = given(REGISTERED, ACTIVATED, new UserLoggedIn(ADA, first), new UserLoggedIn(ADA, second),
                new UserLoggedIn(ADA, third), new UserLoggedOut(ADA, second))
                .when(it -> it.logIn(SESSION, 2))
                .thenRecorded(new UserLoggedOut(ADA, first), new UserLoggedIn(ADA, SESSION));
        assertThat(account.openSessions()).containsExactly(third, SESSION);

        Account restored = Account.toReplay();
        restored.restore(account.snapshot());
        restored.logIn(first, 1);
        assertThat(restored.recordedEvents()).containsExactly(new UserLoggedOut(ADA, third),
                new UserLoggedOut(ADA, SESSION), new UserLoggedIn(ADA, first));
        assertThatThrownBy(() -> restored.logIn(SESSION, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoresAForgottenAddressAsNone() {
        Account forgotten = given(new UserRegistered(ADA, null, List.of("user")), ACTIVATED)
                .when(account -> { }).thenRecordedNothing();

        Account restored = Account.toReplay();
        restored.restore(forgotten.snapshot());

        assertThat(restored.email()).isNull();
        assertThat(restored.status()).isEqualTo(AccountStatus.ACTIVE);
    }
}
