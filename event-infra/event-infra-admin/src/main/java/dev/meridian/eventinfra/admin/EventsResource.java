package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.api.EventBatch;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.delivery.DeliveryRuntime;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.web.InvalidParameterException;
import dev.meridian.eventinfra.web.ProblemResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /admin/api/events} and {@code /admin/api/streams/{streamId}}: the stored events, by position, type,
 * correlation id or stream, and every new one as it is stored ({@code /events/live}, server-sent events) (API.md,
 * admin).
 */
@Path("")
@AdminOnly
@SecurityRequirement(name = ProblemResponses.BEARER, scopes = ProblemResponses.ADMINISTRATOR)
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int STREAM_PAGE = 1_000;
    private static final int WINDOW = 1_000;
    // 0 when nothing matches, so that reading starts after -1: not at all
    private static final String FIRST_MATCH = """
            select coalesce(min(global_position), 0) from event_infra.events where global_position >= ?""";

    @Inject
    EventStore store;

    @Inject
    LiveEvents live;

    @Inject
    JsonWebToken token;

    @Inject
    DeliveryRuntime runtime;

    @Inject
    DataSource dataSource;

    /**
     * A stream and its current version.
     *
     * @param version the version of its last event
     * @param events  its events, in order (the first thousand)
     */
    public record StreamView(String streamId, long version, List<EventView> events) {
    }

    @GET
    @Path("events")
    public List<EventView> events(@QueryParam("stream") String stream, @QueryParam("type") String type,
                                  @QueryParam("correlationId") String correlationId,
                                  @QueryParam("fromPosition") String fromPosition, @QueryParam("limit") String limit) {
        Optional<String> streamId = Parameters.text("stream", stream);
        Optional<String> eventType = Parameters.text("type", type);
        Optional<UUID> correlation = Parameters.uuid("correlationId", correlationId);
        long from = Parameters.number("fromPosition", fromPosition, 1, 1, Long.MAX_VALUE);
        int most = (int) Parameters.number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (streamId.isPresent()) {
            return store.readStream(streamId.get(), 1, STREAM_PAGE).stream()
                    .filter(event -> event.globalPosition() >= from)
                    .filter(event -> eventType.map(event.type()::equals).orElse(true))
                    .filter(event -> correlation.map(id -> id.equals(event.metadata().correlationId().orElse(null)))
                            .orElse(true))
                    .limit(most).map(EventView::of).toList();
        }
        // events of types this deployment has no class for (another deployment's, say) cannot be read: skip them
        EventQuery query = new EventQuery(eventType.map(Set::of).orElse(runtime.registry().names()),
                Optional.empty(), correlation);
        List<EventView> events = new ArrayList<>();
        // the store reads in windows of positions; jump to the first match (indexed) rather than scan up to it
        // only the conditions given, so that PostgreSQL may use the type's or the correlation's index
        StringBuilder firstMatch = new StringBuilder(FIRST_MATCH);
        List<Object> values = new ArrayList<>(List.of(from));
        eventType.ifPresent(name -> {
            firstMatch.append(" and event_type = ?");
            values.add(name);
        });
        correlation.ifPresent(id -> {
            firstMatch.append(" and correlation_id = ?");
            values.add(id);
        });
        long after = Statements.query(dataSource, "find the first matching event", firstMatch.toString(),
                row -> row.getLong(1), values.toArray()).get(0) - 1;
        while (events.size() < most && after >= 0) {
            EventBatch batch = store.readAll(query, after, WINDOW);
            batch.events().stream().limit(most - events.size()).forEach(event -> events.add(EventView.of(event)));
            if (batch.nextAfterPosition() == after) {
                break;
            }
            after = batch.nextAfterPosition();
        }
        return events;
    }

    @GET
    @Path("streams/{streamId}")
    public StreamView stream(@PathParam("streamId") String streamId) {
        String id = Parameters.text("streamId", streamId)
                .orElseThrow(() -> new InvalidParameterException("streamId", "required"));
        List<EventView> events = store.readStream(id, 1, STREAM_PAGE).stream().map(EventView::of).toList();
        if (events.isEmpty()) {
            throw new NotFoundException("There is no stream " + id);
        }
        return new StreamView(id, events.get(events.size() - 1).streamVersion(), events);
    }

    @GET
    @Path("events/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "Server-sent events: each new event's summary, then"
            + " \"expired\" when the token it was opened with expires")
    public void live(@Context SseEventSink sink, @Context Sse sse) {
        live.follow(sink, sse, Instant.ofEpochSecond(token.getExpirationTime()));
    }
}
