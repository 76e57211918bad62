package dev.meridian.it.delivery;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /delivery-probe/publish?stream=&note=}: the probe module publishes one event per {@code note}, all in
 * one append to the stream (so the relay sends them in one broker transaction); answers their ids, one per line.
 */
@Path("publish")
@RequestScoped
public class PublisherResource {

    @Inject
    ProbeAppender appender;

    @POST
    public String publish(@QueryParam("stream") String stream, @QueryParam("note") List<String> notes) {
        return appender.publish(stream, notes).stream()
                .map(event -> event.eventId().toString())
                .collect(Collectors.joining("\n"));
    }
}
