package dev.meridian.auth.web;

import dev.meridian.auth.abuse.RateLimits;
import dev.meridian.auth.command.EmailAlreadyVerifiedException;
import dev.meridian.auth.command.InvalidVerificationTokenException;
import dev.meridian.auth.command.NoSuchAccountException;
import dev.meridian.auth.domain.AccountStateException;
import dev.meridian.auth.process.EmailVerificationProcess;
import dev.meridian.eventinfra.process.StepFailedException;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/auth/email-verifications} mails the bearer a new link that verifies their address (limited per
 * account, {@link RateLimits}); {@code POST .../confirmation} verifies it with the link's token
 * ({@link EmailVerificationProcess}). Registration mails the first link with the welcome mail.
 */
@Path("email-verifications")
public class EmailVerificationsResource {

    /** Far longer than any token this server issues (43 characters); anything longer is not one. */
    private static final int LONGEST_TOKEN_CHARS = 256;

    @Inject
    EmailVerificationProcess process;

    @Inject
    RateLimits rateLimits;

    @Inject
    JsonWebToken token;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ProblemResponses.BEARER)
    @Operation(summary = "Mail the bearer a new link that verifies their address; earlier links stop working")
    @APIResponse(responseCode = "202", description = "A new link is on its way to the account's address")
    @APIResponse(responseCode = "401", description = "No valid bearer token of a session")
    @APIResponse(responseCode = "409", description = "The address is verified already, or the account is not active")
    @APIResponse(responseCode = "429", description = "Too many links asked for this account; Retry-After says"
            + " when to try again")
    @APIResponse(responseCode = "503", description = "The link could not be mailed now, and the earlier links"
            + " stopped working; ask again")
    public Response resend(@Context SecurityContext security,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Optional<BearerSession> bearer = BearerSession.of(security, token);
        if (bearer.isEmpty()) {
            return BearerSession.required();
        }
        Optional<Duration> wait = rateLimits.beforeEmailVerification(bearer.get().userId());
        if (wait.isPresent()) {
            return Problem.tooManyRequests(wait.get());
        }
        try {
            process.resend(bearer.get().userId(), PreferredLanguage.of(acceptLanguage));
            return Response.accepted().build();
        } catch (EmailAlreadyVerifiedException e) {
            return Problem.of(Response.Status.CONFLICT, "The address is verified already").toResponse();
        } catch (AccountStateException | NoSuchAccountException e) {
            return Problem.of(Response.Status.CONFLICT, "The account is not active").toResponse();
        } catch (StepFailedException e) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "The link could not be mailed now; the earlier"
                    + " link stopped working; ask again").toResponse();
        }
    }

    @POST
    @Path("confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an address with the token from a verification link")
    @APIResponse(responseCode = "204", description = "Verified; the token cannot be used again")
    @APIResponse(responseCode = "400", description = "The token is missing, invalid, used, superseded or expired")
    public Response confirm(EmailVerificationConfirmation confirmation) {
        if (confirmation == null || confirmation.token() == null || confirmation.token().isBlank()) {
            return Problem.invalid(List.of(new Problem.Violation("token", "required"))).toResponse();
        }
        if (confirmation.token().length() > LONGEST_TOKEN_CHARS) {
            return Problem.invalid(List.of(new Problem.Violation("token", "not a verification token")))
                    .toResponse();
        }
        try {
            process.confirm(confirmation.token());
            return Response.noContent().build();
        } catch (InvalidVerificationTokenException e) {
            return Problem.of(Response.Status.BAD_REQUEST, e.getMessage()).toResponse();
        }
    }
}
