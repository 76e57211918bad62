package ${package}.api;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import java.util.List;

/** The events the ${module} module publishes; every one is at version 1. */
public final class ${ModuleName}Events implements EventCatalog {

    @Override
    public List<Class<? extends DomainEvent>> eventTypes() {
        return List.of(NoteEvent.class);
    }
}
