package dev.meridian.auth.web;

import dev.meridian.auth.abuse.RateLimits;
import dev.meridian.auth.command.InvalidResetTokenException;
import dev.meridian.auth.command.ResetPassword;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.auth.domain.WeakPasswordException;
import dev.meridian.auth.process.PasswordResetProcess;
import dev.meridian.auth.process.PasswordResetRequests;
import dev.meridian.auth.process.PasswordResetWorker;
import dev.meridian.eventinfra.store.RequestCorrelation;
import dev.meridian.eventinfra.web.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/auth/password-resets} asks for a reset link and {@code POST .../confirmation} sets a new
 * password with it ({@link PasswordResetProcess}). A request is kept and answered 202 at once, with the same answer
 * in the same time whether the address has an account or not; the process runs after the answer. Requests are rate
 * limited per client address and per email address ({@link RateLimits}).
 */
@Path("password-resets")
public class PasswordResetsResource {

    /** Far longer than any token this server issues (43 characters); anything longer is not one. */
    private static final int LONGEST_TOKEN_CHARS = 256;

    @Inject
    PasswordResetRequests requests;

    @Inject
    PasswordResetWorker worker;

    @Inject
    PasswordResetProcess process;

    @Inject
    RateLimits rateLimits;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a password-reset link by mail")
    @APIResponse(responseCode = "202", description = "Taken: a link goes to the address if it has an active"
            + " account; the answer is the same when it has none")
    @APIResponse(responseCode = "400", description = "The email address is missing or malformed")
    @APIResponse(responseCode = "429", description = "Too many requests from this client address or for this"
            + " email address; Retry-After says when to try again")
    public Response request(PasswordResetRequestBody body,
                            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                            @Context HttpServletRequest client) {
        if (body == null || body.email() == null || body.email().isBlank()) {
            return Problem.invalid(List.of(new Problem.Violation("email", "required"))).toResponse();
        }
        EmailAddress email;
        try {
            email = EmailAddress.of(body.email());
        } catch (IllegalArgumentException e) {
            return Problem.invalid(List.of(new Problem.Violation("email", e.getMessage()))).toResponse();
        }
        Optional<Duration> wait = rateLimits.beforePasswordReset(client.getRemoteAddr(), email.value());
        if (wait.isPresent()) {
            return Problem.tooManyRequests(wait.get());
        }
        requests.accept(email.value(), PreferredLanguage.of(acceptLanguage), RequestCorrelation.current());
        worker.wakeUp();
        return Response.accepted().build();
    }

    @POST
    @Path("confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with the token from a reset link; every session ends")
    @APIResponse(responseCode = "204", description = "The password is set; the token cannot be used again")
    @APIResponse(responseCode = "400", description = "The token is invalid, used, superseded or expired, or the"
            + " new password breaks a rule (then the token still works)")
    public Response confirm(PasswordResetConfirmation confirmation) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (confirmation == null || confirmation.token() == null || confirmation.token().isBlank()) {
            violations.add(new Problem.Violation("token", "required"));
        } else if (confirmation.token().length() > LONGEST_TOKEN_CHARS) {
            violations.add(new Problem.Violation("token", "not a reset token"));
        }
        if (confirmation == null || confirmation.newPassword() == null || confirmation.newPassword().isEmpty()) {
            violations.add(new Problem.Violation("newPassword", "required"));
        }
        if (!violations.isEmpty()) {
            return Problem.invalid(violations).toResponse();
        }
        try {
            process.confirm(new ResetPassword(confirmation.token(), confirmation.newPassword()));
            return Response.noContent().build();
        } catch (InvalidResetTokenException e) {
            return Problem.of(Response.Status.BAD_REQUEST, e.getMessage()).toResponse();
        } catch (WeakPasswordException e) {
            return Problem.invalid(List.of(new Problem.Violation("newPassword", e.getMessage()))).toResponse();
        }
    }
}
