package dev.meridian.auth.domain;

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
import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.PersonalData;
import dev.meridian.eventinfra.api.Snapshotable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An account: its email address, roles and state, and the sessions it has open. It decides whether a sign-in, a
 * role change or a step of the registration process may happen; a repeated step (a redelivered message, a
 * repeated LRA callback) records nothing. It keeps at most a given number of sessions open, so its state, and the
 * snapshot that holds it, stays small however often its owner signs in without signing out.
 */
public final class Account extends AggregateRoot<AccountEvent> implements Snapshotable<Account.Snapshot> {

    /**
     * The whole state of an account, for a snapshot. Its address is sealed with the person's key, as in the events,
     * and reads as null once the person is forgotten. The open sessions are listed oldest first.
     */
    public record Snapshot(@DataSubject UUID userId, @PersonalData String email, List<String> roles,
                           AccountStatus status, String disabledReason, boolean emailVerified,
                           List<UUID> openSessions) {
    }

    /** Why an account being erased is disabled. */
    static final String ERASURE = "ERASURE";

    private UUID userId;
    private EmailAddress email;
    private Set<Role> roles = EnumSet.noneOf(Role.class);
    private AccountStatus status;
    private String disabledReason;
    private boolean emailVerified;
    /** In the order they began, so the oldest is the first to end when there are too many. */
    private final Set<UUID> openSessions = new LinkedHashSet<>();

    private Account() {
    }

    /** An account with no history yet, for a repository to replay its stream into. */
    public static Account toReplay() {
        return new Account();
    }

    /** A person registers: the account starts pending, with {@code roles}. */
    public static Account register(UUID userId, EmailAddress email, Set<Role> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("An account needs at least one role");
        }
        Account account = new Account();
        account.record(new UserRegistered(userId, email.value(), Role.wireNames(roles)));
        return account;
    }

    /** The registration process closed: the account may sign in. */
    public void activate() {
        if (status == AccountStatus.PENDING) {
            record(new AccountActivated(userId));
        } else if (status != AccountStatus.ACTIVE) {
            throw new AccountStateException("Only a pending account can be activated", status);
        }
    }

    /** The registration process was cancelled: the account never becomes usable. */
    public void cancelRegistration(String reason) {
        if (status == AccountStatus.PENDING) {
            record(new RegistrationCancelled(userId, reason));
        } else if (status != AccountStatus.CANCELLED) {
            throw new AccountStateException("Only a pending registration can be cancelled", status);
        }
    }

    /**
     * A sign-in with the right password: a new session, if the account may sign in. With {@code sessionLimit}
     * sessions open already, the oldest end first, as a sign-out of theirs would end them.
     */
    public void logIn(UUID sessionId, int sessionLimit) {
        if (sessionLimit < 1) {
            throw new IllegalArgumentException("An account needs room for at least one session, not " + sessionLimit);
        }
        if (status != AccountStatus.ACTIVE) {
            record(new LoginFailed(userId, "NOT_ACTIVE"));
            return;
        }
        while (openSessions.size() >= sessionLimit) {
            record(new UserLoggedOut(userId, openSessions.iterator().next()));
        }
        record(new UserLoggedIn(userId, sessionId));
    }

    /** A sign-in with the wrong password. */
    public void refuseLogIn() {
        record(new LoginFailed(userId, "WRONG_PASSWORD"));
    }

    /** The session ends; ending one that is not open changes nothing. */
    public void logOut(UUID sessionId) {
        if (openSessions.contains(sessionId)) {
            record(new UserLoggedOut(userId, sessionId));
        }
    }

    /** An administrator sets the account's roles. */
    public void changeRoles(Set<Role> newRoles, UUID administrator) {
        if (newRoles.isEmpty()) {
            throw new IllegalArgumentException("An account needs at least one role");
        }
        if (!newRoles.equals(roles)) {
            record(new RolesChanged(userId, Role.wireNames(newRoles), administrator));
        }
    }

    /** The account may not sign in any more; its sessions end. */
    public void disable(String reason) {
        if (status != AccountStatus.DISABLED) {
            record(new AccountDisabled(userId, reason));
        }
    }

    /** The person's erasure began: the account may not sign in, and its sessions end. */
    public void disableForErasure() {
        if (status == AccountStatus.ACTIVE) {
            record(new AccountDisabled(userId, ERASURE));
        } else if (status != AccountStatus.DISABLED && status != AccountStatus.ERASED) {
            throw new AccountStateException("Only an active account can be erased", status);
        }
    }

    /** The erasure was cancelled: the account may sign in again, unless it was disabled for another reason. */
    public void restoreAfterCancelledErasure() {
        if (status == AccountStatus.DISABLED && ERASURE.equals(disabledReason)) {
            record(new AccountRestored(userId, "erasure cancelled"));
        }
    }

    /** The erasure closed: the account is gone for good. */
    public void erase() {
        if (status != AccountStatus.ERASED) {
            record(new AccountErased(userId));
        }
    }

    /** A reset link valid until {@code expiresAt} goes to the account's address; only an active account gets one. */
    public void requestPasswordReset(Instant expiresAt) {
        if (status != AccountStatus.ACTIVE) {
            throw new AccountStateException("Only an active account can reset its password", status);
        }
        record(new PasswordResetRequested(userId, expiresAt));
    }

    /** The password was reset: every session ends, so whoever knew the old password is signed out. */
    public void changePasswordByReset() {
        if (status != AccountStatus.ACTIVE) {
            throw new AccountStateException("Only an active account can reset its password", status);
        }
        record(new PasswordChanged(userId, "PASSWORD_RESET", null));
    }

    /**
     * The owner changed the password in the session {@code sessionId}: every other session ends, so whoever knew the
     * old password is signed out, and the owner stays signed in.
     */
    public void changePassword(UUID sessionId) {
        if (status != AccountStatus.ACTIVE) {
            throw new AccountStateException("Only an active account can change its password", status);
        }
        record(new PasswordChanged(userId, "PASSWORD_CHANGE", openSessions.contains(sessionId) ? sessionId : null));
    }

    /**
     * The holder proved the address is theirs. Only an active account: a pending one has not finished registering,
     * and a disabled or erased one may not change.
     */
    public void verifyEmail() {
        if (status != AccountStatus.ACTIVE) {
            throw new AccountStateException("Only an active account's address can be verified", status);
        }
        if (!emailVerified) {
            record(new EmailAddressVerified(userId));
        }
    }

    /** Whether the holder proved the address is theirs. */
    public boolean emailVerified() {
        return emailVerified;
    }

    public UUID userId() {
        return userId;
    }

    public EmailAddress email() {
        return email;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    public AccountStatus status() {
        return status;
    }

    /** The sessions signed in and not logged out or revoked since, oldest first. */
    public List<UUID> openSessions() {
        return List.copyOf(openSessions);
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(userId, email == null ? null : email.value(), Role.wireNames(roles), status,
                disabledReason, emailVerified, List.copyOf(openSessions));
    }

    @Override
    public void restore(Snapshot snapshot) {
        userId = snapshot.userId();
        email = snapshot.email() == null ? null : new EmailAddress(snapshot.email());
        roles = Role.allOf(snapshot.roles());
        status = snapshot.status();
        disabledReason = snapshot.disabledReason();
        emailVerified = snapshot.emailVerified();
        openSessions.addAll(snapshot.openSessions());
    }

    @Override
    protected void apply(AccountEvent event) {
        // LoginFailed and PasswordResetRequested change no state
        if (event instanceof UserRegistered registered) {
            userId = registered.userId();
            // null once the person's key is shredded: the address is gone with it
            email = registered.email() == null ? null : new EmailAddress(registered.email());
            roles = Role.allOf(registered.roles());
            status = AccountStatus.PENDING;
        } else if (event instanceof AccountActivated) {
            status = AccountStatus.ACTIVE;
        } else if (event instanceof RegistrationCancelled) {
            status = AccountStatus.CANCELLED;
        } else if (event instanceof UserLoggedIn loggedIn) {
            openSessions.add(loggedIn.sessionId());
        } else if (event instanceof UserLoggedOut loggedOut) {
            openSessions.remove(loggedOut.sessionId());
        } else if (event instanceof RolesChanged changed) {
            roles = Role.allOf(changed.roles());
        } else if (event instanceof AccountDisabled disabled) {
            status = AccountStatus.DISABLED;
            disabledReason = disabled.reason();
            openSessions.clear();
        } else if (event instanceof AccountRestored) {
            status = AccountStatus.ACTIVE;
            disabledReason = null;
        } else if (event instanceof AccountErased) {
            status = AccountStatus.ERASED;
            openSessions.clear();
        } else if (event instanceof PasswordChanged changed) {
            openSessions.removeIf(session -> !session.equals(changed.keptSessionId()));
        } else if (event instanceof EmailAddressVerified) {
            emailVerified = true;
        }
    }
}
