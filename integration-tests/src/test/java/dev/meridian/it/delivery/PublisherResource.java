package dev.meridian.it.delivery;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PublishedEvents;
import dev.meridian.it.probe.ProbeEvents;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code POST /delivery-probe/publish?stream=&note=}: the probe module publishes one event per {@code note}, all in
 * one append to the stream (so the relay sends them in one broker transaction); answers their ids, one per line.
 */
@Path("publish")
@RequestScoped
public class PublisherResource {

    @Inject
    Event<PublishedEvents> publish;

    @POST
    @Transactional
    public String publish(@QueryParam("stream") String stream, @QueryParam("note") List<String> notes) {
        UUID correlation = UUID.randomUUID();
        List<NewEvent> events = notes.stream()
                .map(note -> NewEvent.of(new ProbeEvents.Published(note), EventMetadata.correlatedWith(correlation)))
                .toList();
        publish.fire(new PublishedEvents(stream, ExpectedVersion.any(), events));
        return events.stream().map(event -> event.eventId().toString()).collect(Collectors.joining("\n"));
    }
}
