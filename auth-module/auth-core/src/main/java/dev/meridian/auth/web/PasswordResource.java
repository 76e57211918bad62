package dev.meridian.auth.web;

import dev.meridian.auth.abuse.RateLimits;
import dev.meridian.auth.command.ChangePassword;
import dev.meridian.auth.command.ChangePasswordHandler;
import dev.meridian.auth.command.NoSuchAccountException;
import dev.meridian.auth.domain.AccountStateException;
import dev.meridian.auth.domain.PasswordRules;
import dev.meridian.auth.domain.WeakPasswordException;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code PUT /api/auth/accounts/me/password}: the bearer changes their password with the current one; every other
 * session ends. A wrong current password counts against the same limits as a refused sign-in ({@link RateLimits}),
 * so a borrowed session cannot be used to guess it faster than a sign-in could.
 */
@Path("accounts/me/password")
public class PasswordResource {

    /** Longer than any password the rules accept; a longer one is a mistake or an attack, not a password. */
    private static final int LONGEST_PASSWORD_CHARS = 4 * PasswordRules.MAX_LENGTH;

    @Inject
    ChangePasswordHandler changePassword;

    @Inject
    RateLimits rateLimits;

    @Inject
    JsonWebToken token;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ProblemResponses.BEARER)
    @Operation(summary = "Change the bearer's password; every other session ends")
    @APIResponse(responseCode = "204", description = "Changed; the bearer's session goes on, every other one ended")
    @APIResponse(responseCode = "400", description = "A password is missing, or the new one breaks a rule")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a session, or a wrong current"
            + " password")
    @APIResponse(responseCode = "409", description = "The account is not active")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords for this account; Retry-After says"
            + " when to try again")
    public Response change(PasswordChange change, @Context SecurityContext security,
                           @Context HttpServletRequest request) {
        Optional<BearerSession> bearer = BearerSession.of(security, token);
        if (bearer.isEmpty()) {
            return BearerSession.required();
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (change == null || change.currentPassword() == null || change.currentPassword().isEmpty()) {
            violations.add(new Problem.Violation("currentPassword", "required"));
        } else if (change.currentPassword().length() > LONGEST_PASSWORD_CHARS) {
            violations.add(new Problem.Violation("currentPassword", "longer than any password can be"));
        }
        if (change == null || change.newPassword() == null || change.newPassword().isEmpty()) {
            violations.add(new Problem.Violation("newPassword", "required"));
        }
        if (!violations.isEmpty()) {
            return Problem.invalid(violations).toResponse();
        }
        String address = request.getRemoteAddr();
        String email = token.getName();
        Optional<Duration> wait = rateLimits.beforeLogin(address, email);
        if (wait.isPresent()) {
            return Problem.tooManyRequests(wait.get());
        }
        try {
            if (!changePassword.handle(new ChangePassword(bearer.get().userId(), bearer.get().sessionId(),
                    change.currentPassword(), change.newPassword()))) {
                return Problem.of(Response.Status.UNAUTHORIZED, "The current password is wrong").toResponse();
            }
            rateLimits.loginSucceeded(address, email);
            return Response.noContent().build();
        } catch (WeakPasswordException e) {
            // found once the current password was right: that was no guess
            rateLimits.loginSucceeded(address, email);
            return Problem.invalid(List.of(new Problem.Violation("newPassword", e.getMessage()))).toResponse();
        } catch (AccountStateException e) {
            // likewise found once the current password was right
            rateLimits.loginSucceeded(address, email);
            return notActive();
        } catch (NoSuchAccountException e) {
            return notActive();
        }
    }

    private static Response notActive() {
        return Problem.of(Response.Status.CONFLICT, "The account is not active").toResponse();
    }
}
