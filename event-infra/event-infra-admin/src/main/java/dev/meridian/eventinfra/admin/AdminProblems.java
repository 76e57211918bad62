package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.delivery.DeadLetters;
import dev.meridian.eventinfra.web.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure of the admin API as problem+json; unexpected ones are logged here and never shown. */
@Provider
public class AdminProblems implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(AdminProblems.class.getName());

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
            Response.Status status = Response.Status.fromStatusCode(web.getResponse().getStatus());
            return Problem.of(status == null ? Response.Status.BAD_REQUEST : status, failure.getMessage())
                    .toResponse();
        }
        LOG.log(Level.SEVERE, "The admin API failed", failure);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Something went wrong; the server log has the cause")
                .toResponse();
    }
}
