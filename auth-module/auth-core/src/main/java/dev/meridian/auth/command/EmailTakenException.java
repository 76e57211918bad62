package dev.meridian.auth.command;

/** Another account has the address. */
public class EmailTakenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmailTakenException() {
        super("An account with this email address exists");
    }
}
