package dev.meridian.it.probe;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PublishedEvents;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/**
 * {@code POST /store-probe/publish?stream=&expectedVersion=&fail=} publishes one event in a transaction;
 * {@code GET /store-probe/publish?stream=} counts the stream's events through the injected event store.
 */
@Path("publish")
@RequestScoped
public class ProbeResource {

    @Inject
    Event<PublishedEvents> publish;

    @Inject
    EventStore store;

    @GET
    public int count(@QueryParam("stream") String stream) {
        return store.readStream(stream, 1, Integer.MAX_VALUE).size();
    }

    @POST
    @Transactional
    public void publish(@QueryParam("stream") String stream, @QueryParam("expectedVersion") long expectedVersion,
                        @QueryParam("fail") boolean fail) {
        publish.fire(new PublishedEvents(stream, ExpectedVersion.exactly(expectedVersion),
                List.of(NewEvent.of(new ProbeEvents.Published("published by the probe"), EventMetadata.none()))));
        if (fail) {
            throw new IllegalStateException("The command failed after publishing, so its transaction rolls back");
        }
    }
}
