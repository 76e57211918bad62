package ${package}.domain;

import ${package}.api.NoteEvent;
import ${package}.api.NoteWritten;
import dev.meridian.eventinfra.api.AggregateRoot;
import java.util.UUID;

/** A note: written once by its author, never blank, at most {@value #MAX_LENGTH} characters. */
public final class Note extends AggregateRoot<NoteEvent> {

    public static final int MAX_LENGTH = 2000;

    private boolean written;

    /**
     * Writes the note, its text without surrounding blanks.
     *
     * @throws IllegalArgumentException when the text is blank or too long
     * @throws IllegalStateException    when the note is written already
     */
    public void write(UUID noteId, UUID authorId, String text) {
        if (written) {
            throw new IllegalStateException("The note " + noteId + " is written already");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("required");
        }
        if (text.strip().length() > MAX_LENGTH) {
            throw new IllegalArgumentException("at most " + MAX_LENGTH + " characters");
        }
        record(new NoteWritten(noteId, authorId, text.strip()));
    }

    @Override
    protected void apply(NoteEvent event) {
        if (event instanceof NoteWritten) {
            written = true;
        }
    }
}
