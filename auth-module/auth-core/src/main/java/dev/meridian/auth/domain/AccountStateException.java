package dev.meridian.auth.domain;

/** The account is not in a state that allows what was asked (signing in while pending, activating a cancelled one). */
public class AccountStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AccountStatus status;

    public AccountStateException(String message, AccountStatus status) {
        super(message);
        this.status = status;
    }

    /** The state the account was in. */
    public AccountStatus status() {
        return status;
    }
}
