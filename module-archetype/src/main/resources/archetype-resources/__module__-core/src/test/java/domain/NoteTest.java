package ${package}.domain;

import static org.assertj.core.api.Assertions.assertThat;

import ${package}.api.NoteEvent;
import ${package}.api.NoteWritten;
import dev.meridian.eventinfra.testing.AggregateScenario;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NoteTest {

    private static final UUID NOTE = UUID.fromString("5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    @Test
    void writesTheTextWithoutSurroundingBlanks() {
        AggregateScenario.<Note, NoteEvent>given(Note::new)
                .when(note -> note.write(NOTE, ADA, "  Remember the milk "))
                .thenRecorded(new NoteWritten(NOTE, ADA, "Remember the milk"));
    }

    @Test
    void refusesABlankOrTooLongText() {
        assertThat(AggregateScenario.<Note, NoteEvent>given(Note::new)
                .when(note -> note.write(NOTE, ADA, " \t"))
                .thenRefused(IllegalArgumentException.class)).hasMessage("required");
        assertThat(AggregateScenario.<Note, NoteEvent>given(Note::new)
                .when(note -> note.write(NOTE, ADA, "x".repeat(Note.MAX_LENGTH + 1)))
                .thenRefused(IllegalArgumentException.class)).hasMessage("at most 2000 characters");
    }

    @Test
    void isWrittenOnce() {
        AggregateScenario.<Note, NoteEvent>given(Note::new, new NoteWritten(NOTE, ADA, "Remember the milk"))
                .when(note -> note.write(NOTE, ADA, "Forget the milk"))
                .thenRefused(IllegalStateException.class);
    }
}
