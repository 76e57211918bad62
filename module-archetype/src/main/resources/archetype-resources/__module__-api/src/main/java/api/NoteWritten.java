package ${package}.api;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.UUID;

/**
 * Somebody wrote a note. Published: once stored, this shape is read for good, so a change of it is a new version
 * with an upcaster in {@link ${ModuleName}Events} and a sample of the old one under {@code event-samples}.
 *
 * @param noteId   the note
 * @param authorId the user id of who wrote it
 * @param text     what it says: personal data, sealed with the author's key, so that erasing them makes it
 *                 unreadable in the event store
 */
@EventType(name = "${module}.NoteWritten", version = 1)
public record NoteWritten(UUID noteId, @DataSubject UUID authorId, @PersonalData String text) implements NoteEvent {
}
