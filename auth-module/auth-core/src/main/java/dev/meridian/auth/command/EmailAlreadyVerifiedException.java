package dev.meridian.auth.command;

import java.util.UUID;

/** A new verification link was asked for an address that is verified already. */
public class EmailAlreadyVerifiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmailAlreadyVerifiedException(UUID userId) {
        super("The address of account " + userId + " is verified already");
    }
}
