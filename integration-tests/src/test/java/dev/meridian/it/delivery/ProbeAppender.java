package dev.meridian.it.delivery;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PublishedEvents;
import dev.meridian.it.probe.ProbeEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** The probe module's command: publishes one event per note, all in one append to the stream. */
@ApplicationScoped
public class ProbeAppender {

    @Inject
    Event<PublishedEvents> publish;

    @Transactional
    public List<NewEvent> publish(String stream, List<String> notes) {
        UUID correlation = UUID.randomUUID();
        List<NewEvent> events = notes.stream()
                .map(note -> NewEvent.of(new ProbeEvents.Published(note), EventMetadata.correlatedWith(correlation)))
                .toList();
        publish.fire(new PublishedEvents(stream, ExpectedVersion.any(), events));
        return events;
    }
}
