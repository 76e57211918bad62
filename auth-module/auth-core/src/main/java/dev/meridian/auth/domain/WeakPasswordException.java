package dev.meridian.auth.domain;

/** A new password breaks the password rules; the message says which, and never contains the password. */
public class WeakPasswordException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public WeakPasswordException(String message) {
        super(message);
    }
}
