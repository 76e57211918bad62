package dev.meridian.eventinfra.web;

import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Every failure of a module's API as problem+json: a body that came too slowly (408, see {@link BodyDeadline}), the
 * database out of reach (503, see {@link DatabaseOutage}), what the module knows how to answer ({@link #known}), a
 * concurrent change (409), an invalid parameter, what JAX-RS found itself (no such resource, a method or media type
 * not supported), an unreadable body, and anything else as a logged 500 that shows nothing of its cause. A module's
 * API declares a {@code @Provider} subclass, since providers are found only in the application's own archive.
 */
@API(status = API.Status.STABLE)
public abstract class ApiProblems implements ExceptionMapper<Exception> {

    private final String api;

    /** @param api the API's name for the log, e.g. "The auth API" */
    protected ApiProblems(String api) {
        this.api = api;
    }

    @Override
    public Response toResponse(Exception failure) {
        Optional<BodyDeadline.SlowBodyException> slowBody = BodyDeadline.SlowBodyException.in(failure);
        if (slowBody.isPresent()) {
            // the rest of the body may still be on its way: the connection cannot carry another request
            return Response.fromResponse(Problem.of(Response.Status.REQUEST_TIMEOUT, slowBody.get().getMessage())
                    .toResponse()).header("Connection", "close").build();
        }
        return DatabaseOutage.causeIn(failure)
                .map(outage -> Problem.databaseUnavailable(api, outage))
                .orElseGet(() -> answer(failure));
    }

    private Response answer(Exception failure) {
        return known(failure)
                .or(() -> failure instanceof ConcurrencyConflictException ? Optional.of(Problem.of(
                        Response.Status.CONFLICT, "It changed meanwhile; read it again and retry")) : Optional.empty())
                .or(() -> failure instanceof InvalidParameterException invalid
                        ? Optional.of(Problem.invalid(List.of(new Problem.Violation(invalid.parameter(),
                                invalid.getMessage())))) : Optional.empty())
                .or(() -> failure instanceof WebApplicationException web ? Optional.of(Problem.of(web))
                        : Optional.empty())
                .or(() -> Problem.ofUnreadableBody(failure))
                .orElseGet(() -> Problem.unexpected(api, failure))
                .toResponse();
    }

    /** The problem of a failure this API expects; empty for the ones every API answers alike. */
    protected Optional<Problem> known(Exception failure) {
        return Optional.empty();
    }
}
