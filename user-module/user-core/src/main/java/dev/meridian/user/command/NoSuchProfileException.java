package dev.meridian.user.command;

import java.util.UUID;

/** The account has no profile (its registration did not close, or the profile was discarded). */
public class NoSuchProfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSuchProfileException(UUID userId) {
        super("There is no profile for " + userId);
    }
}
