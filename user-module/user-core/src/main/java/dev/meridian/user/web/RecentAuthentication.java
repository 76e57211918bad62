package dev.meridian.user.web;

import dev.meridian.eventinfra.web.Problem;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What cannot be undone (erasing oneself) needs a password sign-in within {@code meridian.auth.recent-authentication}
 * (five minutes by default), not only a live session: a token taken from an unlocked device, or a session refreshed
 * for days, must not be enough. The sign-in's time travels in the token as {@code auth_time} (OpenID Connect's
 * claim), which auth sets at the password check and keeps through refreshes.
 */
final class RecentAuthentication {

    /** The problem type of API.md's refusal. */
    static final String PROBLEM_TYPE = "https://meridian.dev/problems/reauthentication-required";
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private RecentAuthentication() {
    }

    /** The 401 to answer when {@code token} has no recent password sign-in; empty when it has one. */
    static Optional<Response> missingFrom(JsonWebToken token) {
        Duration window = ConfigProvider.getConfig(RecentAuthentication.class.getClassLoader())
                .getOptionalValue("meridian.auth.recent-authentication", Duration.class).orElse(DEFAULT_WINDOW);
        Optional<Instant> signedIn = authenticatedAt(token.getClaim("auth_time"));
        if (signedIn.filter(at -> at.isAfter(Instant.now().minus(window))).isPresent()) {
            return Optional.empty();
        }
        Problem problem = new Problem(PROBLEM_TYPE, "Reauthentication required",
                Response.Status.UNAUTHORIZED.getStatusCode(), "Sign in with your password again (within "
                + window.toMinutes() + " minutes), then repeat this request", List.of());
        // RFC 9470's answer for a token that is valid but not recent enough
        return Optional.of(Response.fromResponse(problem.toResponse())
                .header("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", max_age="
                        + window.toSeconds()).build());
    }

    private static Optional<Instant> authenticatedAt(Object claim) {
        // a number claim comes as JSON-P value or as plain number, depending on how the token was read
        if (claim instanceof JsonNumber number) {
            return Optional.of(Instant.ofEpochSecond(number.longValue()));
        }
        if (claim instanceof Number number) {
            return Optional.of(Instant.ofEpochSecond(number.longValue()));
        }
        return Optional.empty();
    }
}
