package dev.meridian.auth.domain;

/** Where an account is in its life. */
public enum AccountStatus {
    /** Registered; the registration process has not closed yet. */
    PENDING,
    /** May sign in. */
    ACTIVE,
    /** May not sign in any more. */
    DISABLED,
    /** The registration process was cancelled; the account never became usable. */
    CANCELLED,
    /** The person was erased; nothing about them is left but the id. */
    ERASED
}
