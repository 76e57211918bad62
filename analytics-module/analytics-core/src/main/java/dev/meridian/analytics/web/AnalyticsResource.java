package dev.meridian.analytics.web;

import dev.meridian.analytics.query.DailyCount;
import dev.meridian.analytics.query.SignUpQueries;
import dev.meridian.analytics.query.SummaryQueries;
import dev.meridian.analytics.query.SummaryView;
import dev.meridian.eventinfra.web.InvalidParameterException;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The analytics read models, for administrators: {@code /signups} and {@code /logins} per day (UTC; both bounds
 * included; without them the last 30 days; at most 366 days at once) and {@code /summary}.
 */
@SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    private static final long LONGEST_RANGE_DAYS = 366;

    @Inject
    SignUpQueries signUps;

    @Inject
    SummaryQueries summaries;

    @Context
    SecurityContext security;

    @GET
    @Path("signups")
    @Operation(summary = "Sign-ups per day (administrators only)")
    @APIResponse(responseCode = "200", description = "Days with at least one sign-up, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DailyCount.class)))
    @APIResponse(responseCode = "400", description = "A date is malformed, or the range is reversed or too long")
    public Response signUps(@QueryParam("from") String from, @QueryParam("to") String to) {
        return perDay(from, to, signUps::between);
    }

    @GET
    @Path("logins")
    @Operation(summary = "Sign-ins per day (administrators only)")
    @APIResponse(responseCode = "200", description = "Days with at least one sign-in, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DailyCount.class)))
    @APIResponse(responseCode = "400", description = "A date is malformed, or the range is reversed or too long")
    public Response logins(@QueryParam("from") String from, @QueryParam("to") String to) {
        return perDay(from, to, summaries::loginsBetween);
    }

    @GET
    @Path("summary")
    @Operation(summary = "Users, active users, sign-ins and events by type (administrators only)")
    @APIResponse(responseCode = "200", description = "The figures as of the projections' checkpoints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SummaryView.class)))
    public Response summary() {
        return Problem.unlessAdministrator(security)
                .orElseGet(() -> Response.ok(summaries.summary(), MediaType.APPLICATION_JSON).build());
    }

    private Response perDay(String from, String to, BiFunction<LocalDate, LocalDate, List<DailyCount>> query) {
        Optional<Response> refusal = Problem.unlessAdministrator(security);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<Problem.Violation> violations = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate last = date("to", to, today, violations);
        LocalDate first = date("from", from, last.minusDays(29), violations);
        if (violations.isEmpty() && first.isAfter(last)) {
            violations.add(new Problem.Violation("from", "must not be after to"));
        } else if (violations.isEmpty() && ChronoUnit.DAYS.between(first, last) >= LONGEST_RANGE_DAYS) {
            violations.add(new Problem.Violation("from", "at most " + LONGEST_RANGE_DAYS + " days at once"));
        }
        if (!violations.isEmpty()) {
            return Problem.invalid(violations).toResponse();
        }
        return Response.ok(query.apply(first, last), MediaType.APPLICATION_JSON).build();
    }

    private static LocalDate date(String name, String value, LocalDate fallback, List<Problem.Violation> violations) {
        try {
            return RequestParameters.date(name, value).orElse(fallback);
        } catch (InvalidParameterException e) {
            violations.add(new Problem.Violation(name, e.getMessage()));
            return fallback;
        }
    }
}
