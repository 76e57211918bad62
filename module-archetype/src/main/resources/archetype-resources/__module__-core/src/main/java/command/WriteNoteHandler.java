package ${package}.command;

import ${package}.api.NoteEvent;
import ${package}.domain.Note;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.sourcing.EventSourcedRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Writes a new note: its stream ({@code ${module}note-<noteId>}) begins with {@code NoteWritten}. */
@ApplicationScoped
public class WriteNoteHandler {

    @Inject
    EventStore eventStore;

    private EventSourcedRepository<Note, NoteEvent> notes;

    @PostConstruct
    void open() {
        notes = EventSourcedRepository.of(eventStore, "${module}note", NoteEvent.class, Note::new);
    }

    /**
     * @return the new note's id
     * @throws IllegalArgumentException when the text is blank or too long
     */
    @Transactional
    public UUID handle(WriteNote command) {
        UUID noteId = UUID.randomUUID();
        Note note = new Note();
        note.write(noteId, command.authorId(), command.text());
        notes.save(noteId, note, new EventMetadata(Optional.empty(), Optional.empty(),
                Optional.of(command.authorId().toString()), Map.of()));
        return noteId;
    }
}
