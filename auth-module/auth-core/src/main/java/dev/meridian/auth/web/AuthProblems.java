package dev.meridian.auth.web;

import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.web.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of the auth API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class AuthProblems implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception failure) {
        if (failure instanceof ConcurrencyConflictException) {
            return Problem.of(Response.Status.CONFLICT, "The account changed meanwhile; read it and try again")
                    .toResponse();
        }
        if (failure instanceof WebApplicationException web) {
            return Problem.of(web).toResponse();
        }
        return Problem.ofUnreadableBody(failure).orElseGet(() -> Problem.unexpected("The auth API", failure))
                .toResponse();
    }
}
