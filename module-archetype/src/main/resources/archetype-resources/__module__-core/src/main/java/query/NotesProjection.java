package ${package}.query;

import ${package}.api.NoteWritten;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.projection.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The notes as {@link NoteQueries} reads them ({@code ${module}.notes}), from the event store. Rebuildable like
 * every projection ({@code POST /admin/api/projections/${module}-notes/rebuild}); a note applied twice stays one.
 */
@ApplicationScoped
public class NotesProjection implements Projection {

    private static final String ADD = """
            insert into ${module}.notes (note_id, author_id, text, written_at) values (?, ?, ?, ?)
            on conflict (note_id) do nothing
            """;

    @Inject
    DataSource dataSource;

    @Override
    public String name() {
        return "${module}-notes";
    }

    @Override
    public Set<Class<? extends DomainEvent>> eventTypes() {
        return Set.of(NoteWritten.class);
    }

    @Override
    public void apply(List<EventEnvelope<DomainEvent>> events) {
        try (Connection db = dataSource.getConnection(); PreparedStatement add = db.prepareStatement(ADD)) {
            for (EventEnvelope<DomainEvent> envelope : events) {
                NoteWritten written = (NoteWritten) envelope.event();
                add.setObject(1, written.noteId());
                add.setObject(2, written.authorId());
                add.setString(3, written.text());
                add.setTimestamp(4, Timestamp.from(envelope.occurredAt()));
                add.addBatch();
            }
            add.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot project the notes", e);
        }
    }

    @Override
    public void reset() {
        try (Connection db = dataSource.getConnection(); Statement delete = db.createStatement()) {
            delete.executeUpdate("delete from ${module}.notes");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the notes", e);
        }
    }
}
