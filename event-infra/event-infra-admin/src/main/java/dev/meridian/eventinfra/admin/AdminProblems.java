package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.delivery.DeadLetters;
import dev.meridian.eventinfra.web.ApiProblems;
import dev.meridian.eventinfra.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/** Every failure of the admin API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class AdminProblems extends ApiProblems {

    public AdminProblems() {
        super("The admin API");
    }

    @Override
    protected Optional<Problem> known(Exception failure) {
        if (failure instanceof DeadLetters.NoSuchDeadLetterException) {
            return Optional.of(Problem.of(Response.Status.NOT_FOUND, failure.getMessage()));
        }
        if (failure instanceof IllegalStateException) {
            return Optional.of(Problem.of(Response.Status.CONFLICT, failure.getMessage()));
        }
        return Optional.empty();
    }
}
