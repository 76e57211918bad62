package ${package}.query;

import static dev.meridian.eventinfra.testing.ProjectionScenario.at;

import ${package}.api.NoteWritten;
import dev.meridian.eventinfra.testing.ModuleDatabase;
import dev.meridian.eventinfra.testing.ProjectionScenario;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notes read model as a specification, on a real PostgreSQL with this module's own migrations. */
class NotesProjectionTest {

    private static final String NOTES = "select text, author_id, to_char(written_at at time zone 'UTC',"
            + " 'YYYY-MM-DD HH24:MI') from ${module}.notes order by written_at";

    @RegisterExtension
    static final ModuleDatabase DATABASE = ModuleDatabase.withSchema("${module}");

    @Test
    void keepsEveryNoteOnceWithWhenItWasWritten() {
        UUID ada = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID first = UUID.randomUUID();

        ProjectionScenario.of(new NotesProjection(), DATABASE.dataSource())
                .given(at("2026-12-01T10:15:00Z", new NoteWritten(first, ada, "Remember the milk")),
                        at("2026-12-01T10:15:00Z", new NoteWritten(first, ada, "Remember the milk")),
                        at("2026-12-02T09:30:00Z", new NoteWritten(UUID.randomUUID(), ada, "And the bread")))
                .thenRows(NOTES, "Remember the milk|" + ada + "|2026-12-01 10:15", "And the bread|" + ada
                        + "|2026-12-02 09:30")
                .andAgainWhenRebuiltOneEventABatch();
    }
}
