package dev.meridian.user.domain;

/** The profile was discarded (its registration was cancelled): nothing about it can change any more. */
public class ProfileStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProfileStateException(String message) {
        super(message);
    }
}
