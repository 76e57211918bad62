package dev.meridian.auth.command;

/** A reset token that does not work: unknown, used, superseded or expired; which of these is not told. */
public class InvalidResetTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidResetTokenException() {
        super("The reset token is invalid, used or expired; ask for a new one");
    }
}
