package dev.meridian.auth.command;

import java.util.UUID;

/** A command named an account that does not exist. */
public class NoSuchAccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoSuchAccountException(UUID userId) {
        super("No account " + userId);
    }
}
