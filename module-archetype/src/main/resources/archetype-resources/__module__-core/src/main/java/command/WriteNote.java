package ${package}.command;

import java.util.UUID;

/** Write a note as {@code authorId}. */
public record WriteNote(UUID authorId, String text) {
}
