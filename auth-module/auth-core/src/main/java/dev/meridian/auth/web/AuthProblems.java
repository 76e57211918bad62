package dev.meridian.auth.web;

import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.web.ApiProblems;
import dev.meridian.eventinfra.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Every failure of the auth API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class AuthProblems extends ApiProblems {

    public AuthProblems() {
        super("The auth API");
    }

    @Override
    protected Optional<Problem> known(Exception failure) {
        if (failure instanceof ConcurrencyConflictException) {
            return Optional.of(Problem.of(Response.Status.CONFLICT,
                    "The account changed meanwhile; read it and try again"));
        }
        return Optional.empty();
    }
}
