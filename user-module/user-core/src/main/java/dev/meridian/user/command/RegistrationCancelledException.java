package dev.meridian.user.command;

/** The registration process was cancelled before the profile was created: it will not be created now. */
public class RegistrationCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistrationCancelledException(String lraId) {
        super("The registration " + lraId + " was cancelled before its profile was created");
    }
}
