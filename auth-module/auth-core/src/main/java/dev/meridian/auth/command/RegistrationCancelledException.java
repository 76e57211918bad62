package dev.meridian.auth.command;

/** The registration process was cancelled (its time ran out) before the account was created. */
public class RegistrationCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistrationCancelledException(String lraId) {
        super("The registration " + lraId + " was cancelled before the account was created");
    }
}
