package ${package}.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * Somebody wrote a note. Published: once stored, this shape is read for good, so a change of it is a new version
 * with an upcaster in {@link ${ModuleName}Events} and a sample of the old one under {@code event-samples}.
 *
 * @param noteId   the note
 * @param authorId the user id of who wrote it
 * @param text     what it says
 */
@EventType(name = "${module}.NoteWritten", version = 1)
public record NoteWritten(UUID noteId, UUID authorId, String text) implements NoteEvent {
}
