package dev.meridian.auth.web;

import dev.meridian.auth.abuse.RateLimits;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.auth.domain.PasswordRules;
import dev.meridian.auth.process.Registration;
import dev.meridian.auth.process.RegistrationFailedException;
import dev.meridian.auth.process.RegistrationProcess;
import dev.meridian.auth.query.AccountQueries;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.user.api.DisplayNameRule;
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
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/auth/registrations}: registers a person through the registration process. The answer comes
 * once the process closed (201) or was cancelled, and the coordinator compensated every step taken, before the
 * answer leaves. Invalid input and a spent rate limit are refused before the process starts, so they leave nothing
 * behind, not even an LRA at the coordinator.
 */
@Path("registrations")
public class RegistrationsResource {

    @Inject
    RegistrationProcess process;

    @Inject
    AccountQueries accounts;

    @Inject
    RateLimits rateLimits;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register: create an account and its profile, in one process")
    @APIResponse(responseCode = "201", description = "The account exists and is active",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RegistrationAnswer.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid; nothing was stored")
    @APIResponse(responseCode = "409", description = "An account has this address")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address or of this email"
            + " address; Retry-After says when to try again")
    @APIResponse(responseCode = "503", description = "A step of the process failed or took too long; the"
            + " process was cancelled and nothing was kept")
    public Response register(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                             @Context UriInfo uri, @Context HttpServletRequest client,
                             RegistrationRequest request) {
        List<Problem.Violation> violations = violations(request);
        if (!violations.isEmpty()) {
            return Problem.invalid(violations).toResponse();
        }
        Optional<Duration> wait = rateLimits.beforeRegistration(client.getRemoteAddr(),
                EmailAddress.of(request.email()).value());
        if (wait.isPresent()) {
            return Problem.tooManyRequests(wait.get());
        }
        try {
            UUID userId = process.run(new Registration(request.email(), request.password(),
                    request.displayName().strip(), PreferredLanguage.of(acceptLanguage)));
            String status = accounts.account(userId).map(account -> account.status()).orElse("PENDING");
            return Response.created(uri.getBaseUriBuilder().path(AccountsResource.class).build(userId))
                    .entity(new RegistrationAnswer(userId, status)).type(MediaType.APPLICATION_JSON).build();
        } catch (RegistrationFailedException e) {
            return e.problem().toResponse();
        }
    }

    private static List<Problem.Violation> violations(RegistrationRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (request == null) {
            return List.of(new Problem.Violation("body", "required"));
        }
        EmailAddress email = null;
        if (request.email() == null || request.email().isBlank()) {
            violations.add(new Problem.Violation("email", "required"));
        } else {
            try {
                email = EmailAddress.of(request.email());
            } catch (IllegalArgumentException e) {
                violations.add(new Problem.Violation("email", e.getMessage()));
            }
        }
        if (request.password() == null || request.password().isEmpty()) {
            violations.add(new Problem.Violation("password", "required"));
        } else if (email != null) {
            try {
                PasswordRules.check(request.password(), email);
            } catch (IllegalArgumentException e) {
                violations.add(new Problem.Violation("password", e.getMessage()));
            }
        }
        if (request.displayName() == null || request.displayName().isBlank()) {
            violations.add(new Problem.Violation("displayName", "required"));
        } else {
            DisplayNameRule.violation(request.displayName().strip())
                    .ifPresent(violation -> violations.add(new Problem.Violation("displayName", violation)));
        }
        return violations;
    }
}
