package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.DomainEvent;
import java.util.UUID;

/**
 * What happened to an account, on the account's stream ({@code account-<userId>}). The email address is personal
 * data: the store keeps it encrypted with the person's key, so erasing the person makes it unreadable everywhere.
 * Credentials never appear in an event.
 */
public sealed interface AccountEvent extends DomainEvent permits UserRegistered, AccountActivated,
        RegistrationCancelled, UserLoggedIn, LoginFailed, UserLoggedOut, RolesChanged, AccountDisabled,
        PasswordResetRequested, PasswordChanged, AccountRestored, AccountErased, EmailAddressVerified {

    /** The account's user id, the same in every module. */
    UUID userId();
}
