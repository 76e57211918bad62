package dev.meridian.it.delivery;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PublishedEvents;
import dev.meridian.it.probe.ProbeEvents;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /delivery-probe/confidences?stream=&subject=&secret=} publishes personal data about someone;
 * {@code DELETE /delivery-probe/confidences/{subject}} forgets that someone, as an erasure does.
 */
@Path("confidences")
@RequestScoped
public class ConfidencesResource {

    @Inject
    Event<PublishedEvents> publish;

    @Inject
    EventStore store;

    @POST
    @Transactional
    public String confide(@QueryParam("stream") String stream, @QueryParam("subject") UUID subject,
                          @QueryParam("secret") String secret) {
        NewEvent event = NewEvent.of(new ProbeEvents.Confided(subject, secret), EventMetadata.none());
        publish.fire(new PublishedEvents(stream, ExpectedVersion.any(), List.of(event)));
        return event.eventId().toString();
    }

    @DELETE
    @Path("{subject}")
    @Transactional
    public void forget(@PathParam("subject") UUID subject) {
        store.forgetSubject(subject.toString());
    }
}
