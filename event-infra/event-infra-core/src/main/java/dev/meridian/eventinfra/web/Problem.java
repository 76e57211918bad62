package dev.meridian.eventinfra.web;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apiguardian.api.API;

/**
 * An error answer as RFC 9457 {@code application/problem+json} (API.md, Conventions). Never carries a stack trace.
 *
 * @param type       a URI naming the kind of problem
 * @param title      the kind of problem, for people
 * @param status     the HTTP status
 * @param detail     what went wrong this time
 * @param violations for a validation problem, what is wrong with which field; otherwise empty
 */
@API(status = API.Status.STABLE)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    /** The media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final int DATABASE_RETRY_AFTER_SECONDS = 2;

    public Problem {
        violations = violations == null || violations.isEmpty() ? null : List.copyOf(violations);
    }

    /**
     * One invalid field.
     *
     * @param field   the field or query parameter
     * @param message what is wrong with it
     */
    public record Violation(String field, String message) {
    }

    /** A problem of {@code status} with the status' own reason as its title. */
    public static Problem of(Response.Status status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, List.of());
    }

    /** The 401 for a request without a valid bearer token, with {@code WWW-Authenticate: Bearer}. */
    public static Response bearerTokenRequired(String detail) {
        return Response.fromResponse(of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** The 401 for a caller without a valid token, or the 403 for one without the admin role; empty otherwise. */
    public static Optional<Response> unlessAdministrator(SecurityContext caller) {
        if (caller.getUserPrincipal() == null) {
            return Optional.of(bearerTokenRequired("A valid bearer token is required"));
        }
        if (!caller.isUserInRole("admin")) {
            return Optional.of(of(Response.Status.FORBIDDEN, "This needs the admin role").toResponse());
        }
        return Optional.empty();
    }

    /** The 429 for a caller over a rate limit, with {@code Retry-After} in whole seconds (at least one). */
    public static Response tooManyRequests(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return Response.fromResponse(of(Response.Status.TOO_MANY_REQUESTS, "Too many attempts; try again in "
                + seconds + " s").toResponse()).header("Retry-After", seconds).build();
    }

    /**
     * The 503 for a request that failed because the database is out of reach or its pool exhausted, with
     * {@code Retry-After}. Logged as {@code outage}, the cause that says so, without the stack: during an outage
     * every request fails alike.
     *
     * @param api the API that could not answer, for the log line
     */
    public static Response databaseUnavailable(String api, Throwable outage) {
        Logger.getLogger(Problem.class.getName()).warning(() -> api + " could not reach the database: " + outage);
        return Response.fromResponse(new Problem("https://meridian.dev/problems/database-unavailable",
                        "Database unavailable", Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                        "The database cannot be reached or is overloaded; retry shortly (if it went away just as this"
                                + " request committed, its change may have been stored)",
                        List.of()).toResponse())
                .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS).build();
    }

    /** A 400 for invalid input, naming each invalid field. */
    public static Problem invalid(List<Violation> violations) {
        return new Problem("https://meridian.dev/problems/validation", "Invalid request",
                Response.Status.BAD_REQUEST.getStatusCode(), "The request has invalid fields", violations);
    }

    /** The problem JAX-RS found itself (no such resource, a method or media type not supported, ...). */
    public static Problem of(WebApplicationException failure) {
        Response.Status status = Response.Status.fromStatusCode(failure.getResponse().getStatus());
        return of(status == null ? Response.Status.BAD_REQUEST : status, failure.getMessage());
    }

    /**
     * The problem of a request body that could not be read as the resource's type (malformed JSON, a field of the
     * wrong type, a field the API does not define); empty for any other failure.
     */
    public static Optional<Problem> ofUnreadableBody(Exception failure) {
        if (failure instanceof ProcessingException && failure.getCause() instanceof JsonbException) {
            // JSON-B's own message names Java classes; JsonBodyShape has named the field for every case it knows
            return Optional.of(new Problem("https://meridian.dev/problems/unreadable-body", "Unreadable request body",
                    Response.Status.BAD_REQUEST.getStatusCode(), "The body is not JSON of this request's shape",
                    List.of()));
        }
        return Optional.empty();
    }

    /**
     * A failure nobody expected: logged here with its cause, answered with a 500 that shows nothing of it.
     *
     * @param api the API that failed, for the log line
     */
    public static Problem unexpected(String api, Exception failure) {
        Logger.getLogger(Problem.class.getName()).log(Level.SEVERE, api + " failed", failure);
        return of(Response.Status.INTERNAL_SERVER_ERROR, "Something went wrong; the server log has the cause");
    }

    /** This problem as a response. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
