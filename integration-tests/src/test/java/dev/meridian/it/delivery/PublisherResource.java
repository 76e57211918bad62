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

/** {@code POST /delivery-probe/publish?stream=&note=}: the probe module publishes one event; answers its id. */
@Path("publish")
@RequestScoped
public class PublisherResource {

    @Inject
    Event<PublishedEvents> publish;

    @POST
    @Transactional
    public String publish(@QueryParam("stream") String stream, @QueryParam("note") String note) {
        NewEvent event = NewEvent.of(new ProbeEvents.Published(note), EventMetadata.correlatedWith(UUID.randomUUID()));
        publish.fire(new PublishedEvents(stream, ExpectedVersion.any(), List.of(event)));
        return event.eventId().toString();
    }
}
