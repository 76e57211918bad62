package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.delivery.DeadLetters;
import dev.meridian.eventinfra.web.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Every failure of the admin API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class AdminProblems implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception failure) {
        if (failure instanceof InvalidParameterException invalid) {
            return Problem.invalid(List.of(new Problem.Violation(invalid.parameter(), invalid.getMessage())))
                    .toResponse();
        }
        if (failure instanceof DeadLetters.NoSuchDeadLetterException) {
            return Problem.of(Response.Status.NOT_FOUND, failure.getMessage()).toResponse();
        }
        if (failure instanceof IllegalStateException) {
            return Problem.of(Response.Status.CONFLICT, failure.getMessage()).toResponse();
        }
        if (failure instanceof WebApplicationException web) {
            return Problem.of(web).toResponse();
        }
        return Problem.unexpected("The admin API", failure).toResponse();
    }
}
