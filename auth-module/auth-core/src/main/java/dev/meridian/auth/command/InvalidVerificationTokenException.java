package dev.meridian.auth.command;

/**
 * A verification token that does not work: unknown, used, superseded, expired, or of an account that is no longer
 * active; which of these is not told.
 */
public class InvalidVerificationTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidVerificationTokenException() {
        super("The verification token is invalid, used or expired; ask for a new one");
    }
}
