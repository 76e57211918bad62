package dev.meridian.auth.web;

import dev.meridian.auth.abuse.RateLimits;
import dev.meridian.auth.command.LogIn;
import dev.meridian.auth.command.LogInHandler;
import dev.meridian.auth.command.LogOut;
import dev.meridian.auth.command.LogOutHandler;
import dev.meridian.auth.command.RefreshSession;
import dev.meridian.auth.command.RefreshSessionHandler;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.auth.domain.PasswordRules;
import dev.meridian.auth.token.SessionTokens;
import dev.meridian.auth.token.Sessions;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/auth/sessions} signs in, {@code POST .../refresh} trades a refresh token for the next pair,
 * {@code DELETE .../current} signs the bearer's session out, {@code GET} lists the bearer's own sessions and
 * {@code DELETE .../{sessionId}} ends one of them. A refused sign-in or refresh is one 401 whatever the
 * reason, so the answer tells nobody which addresses have accounts. Sign-ins are rate limited ({@link RateLimits}).
 */
@Path("sessions")
public class SessionsResource {

    /** Longer than any password the rules accept; a longer one is a mistake or an attack, not a password. */
    private static final int LONGEST_PASSWORD_CHARS = 4 * PasswordRules.MAX_LENGTH;

    @Inject
    LogInHandler logIn;

    @Inject
    RateLimits rateLimits;

    @Inject
    RefreshSessionHandler refresh;

    @Inject
    LogOutHandler logOut;

    @Inject
    JsonWebToken token;

    @Inject
    Sessions sessions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with email address and password")
    @APIResponse(responseCode = "200", description = "The session's tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "The email address or the password is missing or malformed")
    @APIResponse(responseCode = "401", description = "Refused: the same answer for an unknown address, a wrong"
            + " password and an account that may not sign in")
    @APIResponse(responseCode = "429", description = "Too many sign-ins from this address, or too many refused"
            + " ones for this account from this address or from everywhere; Retry-After says when to try again")
    public Response logIn(Credentials credentials, @Context HttpServletRequest request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (credentials == null || credentials.email() == null || credentials.email().isBlank()) {
            violations.add(new Problem.Violation("email", "required"));
        } else {
            try {
                EmailAddress.of(credentials.email());
            } catch (IllegalArgumentException e) {
                violations.add(new Problem.Violation("email", e.getMessage()));
            }
        }
        if (credentials == null || credentials.password() == null || credentials.password().isEmpty()) {
            violations.add(new Problem.Violation("password", "required"));
        } else if (credentials.password().length() > LONGEST_PASSWORD_CHARS) {
            violations.add(new Problem.Violation("password", "longer than any password can be"));
        }
        if (!violations.isEmpty()) {
            return Problem.invalid(violations).toResponse();
        }
        String email = EmailAddress.of(credentials.email()).value();
        String address = request.getRemoteAddr();
        Optional<Duration> wait = rateLimits.beforeLogin(address, email);
        if (wait.isPresent()) {
            return Problem.tooManyRequests(wait.get());
        }
        Optional<SessionTokens> tokens = logIn.handle(new LogIn(credentials.email(), credentials.password(), address,
                request.getHeader(HttpHeaders.USER_AGENT)));
        if (tokens.isPresent()) {
            rateLimits.loginSucceeded(address, email);
        }
        return tokensOrRefusal(tokens, "Wrong email address or password, or the account may not sign in");
    }

    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Trade a refresh token for the next access and refresh token")
    @APIResponse(responseCode = "200", description = "The session's next tokens; the one presented is used up",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "No refresh token given")
    @APIResponse(responseCode = "401", description = "Unknown, expired or used refresh token, or the session ended;"
            + " a used token presented again ends its session")
    public Response refresh(RefreshRequest request) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            return Problem.invalid(List.of(new Problem.Violation("refreshToken", "required"))).toResponse();
        }
        return tokensOrRefusal(refresh.handle(new RefreshSession(request.refreshToken())),
                "The refresh token is not valid; sign in again");
    }

    @DELETE
    @Path("current")
    @SecurityRequirement(name = ProblemResponses.BEARER)
    @Operation(summary = "Sign the bearer's session out")
    @APIResponse(responseCode = "204", description = "The session's refresh token is revoked")
    @APIResponse(responseCode = "401", description = "No valid bearer token, or one that names no session")
    public Response logOut(@Context SecurityContext security) {
        Optional<BearerSession> bearer = BearerSession.of(security, token);
        if (bearer.isEmpty()) {
            return BearerSession.required();
        }
        logOut.handle(new LogOut(bearer.get().userId(), bearer.get().sessionId()));
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ProblemResponses.BEARER)
    @Operation(summary = "List the bearer's own sessions that may still be refreshed")
    @APIResponse(responseCode = "200", description = "The sessions, oldest first; current marks the bearer's",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SessionView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token, or one that names no session")
    public Response list(@Context SecurityContext security) {
        Optional<BearerSession> bearer = BearerSession.of(security, token);
        if (bearer.isEmpty()) {
            return BearerSession.required();
        }
        return Response.ok(sessions.liveOf(bearer.get().userId()).stream()
                .map(session -> SessionView.of(session, bearer.get().sessionId())).toList(),
                MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("{sessionId}")
    @SecurityRequirement(name = ProblemResponses.BEARER)
    @Operation(summary = "End one of the bearer's own sessions")
    @APIResponse(responseCode = "204", description = "The session's refresh token is revoked")
    @APIResponse(responseCode = "401", description = "No valid bearer token, or one that names no session")
    @APIResponse(responseCode = "404", description = "No session of the bearer's that may still be refreshed has"
            + " this id (another person's sessions are not told apart from sessions that do not exist)")
    public Response end(@PathParam("sessionId") String sessionId, @Context SecurityContext security) {
        Optional<BearerSession> bearer = BearerSession.of(security, token);
        if (bearer.isEmpty()) {
            return BearerSession.required();
        }
        UUID userId = bearer.get().userId();
        Optional<UUID> ended = RequestParameters.uuid(sessionId).filter(id -> sessions.liveOf(userId).stream()
                .anyMatch(session -> session.sessionId().equals(id)));
        if (ended.isEmpty()) {
            return Problem.of(Response.Status.NOT_FOUND, "You have no such session").toResponse();
        }
        logOut.handle(new LogOut(userId, ended.get()));
        return Response.noContent().build();
    }

    private static Response tokensOrRefusal(Optional<SessionTokens> tokens, String refusal) {
        return tokens.map(issued -> Response.ok(TokenResponse.of(issued), MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.of(Response.Status.UNAUTHORIZED, refusal).toResponse());
    }
}
