package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.delivery.DeadLetterQueries;
import dev.meridian.eventinfra.delivery.DeadLetters;
import dev.meridian.eventinfra.web.InvalidParameterException;
import dev.meridian.eventinfra.web.Page;
import dev.meridian.eventinfra.web.ProblemResponses;
import dev.meridian.eventinfra.web.RequestParameters;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /admin/api/dead-letters}: find, inspect, retry and discard parked deliveries (API.md, admin). */
@Path("dead-letters")
@AdminOnly
@SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    private static final int MAX_REASON = 2_000;
    private static final Map<String, DeadLetterQueries.Order> ORDERS = Map.of(
            "-createdAt", DeadLetterQueries.Order.NEWEST, "createdAt", DeadLetterQueries.Order.OLDEST,
            "-lastFailedAt", DeadLetterQueries.Order.LAST_FAILED_NEWEST,
            "lastFailedAt", DeadLetterQueries.Order.LAST_FAILED_OLDEST);

    @Inject
    DeadLetters deadLetters;

    @Context
    SecurityContext security;

    /**
     * A dead letter as the detail view shows it.
     *
     * @param id            its id
     * @param consumer      the consuming module
     * @param eventId       the event
     * @param eventType     the event's type
     * @param streamId      the event's stream
     * @param error         the last failure
     * @param attempts      deliveries tried
     * @param status        PARKED, WAITING, RESOLVED or DISCARDED
     * @param firstFailedAt the first failure
     * @param lastFailedAt  the last failure
     * @param payload       the event's payload
     * @param metadata      the envelope without the payload
     * @param stackTrace    the last failure's stack trace
     * @param history       what happened to it
     */
    public record DeadLetterView(UUID id, String consumer, UUID eventId, String eventType, String streamId,
                                 String error, int attempts, String status, Instant firstFailedAt,
                                 Instant lastFailedAt, JsonObject payload, JsonObject metadata, String stackTrace,
                                 List<DeadLetterQueries.Action> history) {
    }

    /**
     * Which parked dead letters to retry; empty parts match everything.
     *
     * @param consumer  the consuming module
     * @param eventType the event's type
     * @param from      parked at or after (ISO-8601)
     * @param to        parked before (ISO-8601)
     * @param q         a piece of the error or the envelope, as in the list's filter
     */
    public record RetryFilter(String consumer, String eventType, String from, String to, String q) {
    }

    /**
     * How many dead letters match a filter.
     *
     * @param count all of them, counted to the end
     */
    public record Count(long count) {
    }

    /**
     * Why a dead letter is discarded.
     *
     * @param reason for the audit trail; required
     */
    public record DiscardRequest(String reason) {
    }

    @GET
    public Page<DeadLetterQueries.Summary> find(@QueryParam("consumer") String consumer,
                                                @QueryParam("eventType") String eventType,
                                                @QueryParam("status") String status,
                                                @QueryParam("from") String from, @QueryParam("to") String to,
                                                @QueryParam("q") String text, @QueryParam("sort") String sort,
                                                @QueryParam("page") String page, @QueryParam("size") String size) {
        DeadLetterQueries.Order order = Parameters.oneOf("sort", sort, ORDERS.keySet()).map(ORDERS::get)
                .orElse(DeadLetterQueries.Order.NEWEST);
        return deadLetters.find(filter(consumer, eventType, status, from, to, text), order,
                RequestParameters.page(page), RequestParameters.size(size));
    }

    /** The exact number of matches, which a page stops counting at {@value DeadLetterQueries#COUNT_LIMIT}. */
    @GET
    @Path("count")
    public Count count(@QueryParam("consumer") String consumer, @QueryParam("eventType") String eventType,
                       @QueryParam("status") String status, @QueryParam("from") String from,
                       @QueryParam("to") String to, @QueryParam("q") String text) {
        return new Count(deadLetters.count(filter(consumer, eventType, status, from, to, text)));
    }

    @GET
    @Path("{id}")
    public DeadLetterView get(@PathParam("id") String id) {
        UUID deadLetterId = RequestParameters.uuid("id", id);
        DeadLetterQueries.Detail detail = deadLetters.get(deadLetterId)
                .orElseThrow(() -> new DeadLetters.NoSuchDeadLetterException(deadLetterId));
        JsonObject envelope;
        try (JsonReader reader = Json.createReader(new StringReader(detail.envelope()))) {
            envelope = reader.readObject();
        }
        var metadata = Json.createObjectBuilder(envelope);
        metadata.remove("payload");
        var summary = detail.summary();
        return new DeadLetterView(summary.id(), summary.consumer(), summary.eventId(), summary.eventType(),
                summary.streamId(), summary.error(), summary.attempts(), summary.status(), summary.firstFailedAt(),
                summary.lastFailedAt(), envelope.getJsonObject("payload"), metadata.build(), detail.stackTrace(),
                detail.history());
    }

    @POST
    @Path("{id}/retry")
    @APIResponse(responseCode = "202", description = "Redelivery to its consumer started; the outcome shows in the"
            + " dead letter's status and history")
    public Response retry(@PathParam("id") String id) {
        deadLetters.retry(RequestParameters.uuid("id", id), actor());
        return Response.accepted().build();
    }

    @POST
    @Path("{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "204", description = "Discarded, with who and why")
    public Response discard(@PathParam("id") String id, DiscardRequest request) {
        UUID deadLetterId = RequestParameters.uuid("id", id);
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidParameterException("reason", "is required, at most " + MAX_REASON + " characters");
        }
        deadLetters.discard(deadLetterId, actor(), reason.strip());
        return Response.noContent().build();
    }

    @POST
    @Path("retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "{count}: how many parked dead letters match and are redriven,"
            + " one after the other, in the background")
    public Response retryMatching(RetryFilter filter) {
        if (filter == null) {
            // a missing body is more likely a mistake than a wish to retry every dead letter, which {} says
            throw new InvalidParameterException("body", "required: a filter, or {} for every parked dead letter");
        }
        int count = deadLetters.retryMatching(filter(filter.consumer(), filter.eventType(), null, filter.from(),
                filter.to(), filter.q()), actor());
        return Response.accepted(Map.of("count", count)).build();
    }

    private static DeadLetterQueries.Filter filter(String consumer, String eventType, String status, String from,
                                                   String to, String text) {
        return new DeadLetterQueries.Filter(Parameters.text("consumer", consumer),
                Parameters.text("eventType", eventType), Parameters.status(status), Parameters.instant("from", from),
                Parameters.instant("to", to), Parameters.text("q", text, DeadLetterQueries.MIN_TEXT_LENGTH));
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
