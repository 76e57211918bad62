package ${package}.query;

import java.time.Instant;
import java.util.UUID;

/** A note as the API shows it. */
public record NoteView(UUID noteId, UUID authorId, String text, Instant writtenAt) {
}
