package ${package}.api;

import dev.meridian.eventinfra.api.DomainEvent;

/** The events of a note's stream: its aggregate's event family, listed by {@link ${ModuleName}Events}. */
public sealed interface NoteEvent extends DomainEvent permits NoteWritten {
}
