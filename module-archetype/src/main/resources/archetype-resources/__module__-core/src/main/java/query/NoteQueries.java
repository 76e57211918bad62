package ${package}.query;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the notes {@link NotesProjection} keeps. */
@ApplicationScoped
public class NoteQueries {

    private static final String NOTE = """
            select note_id, author_id, text, written_at from ${module}.notes where note_id = ?
            """;

    @Inject
    DataSource dataSource;

    /** The note {@code noteId}, once projected; empty before that and for no such note. */
    public Optional<NoteView> note(UUID noteId) {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(NOTE)) {
            query.setObject(1, noteId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new NoteView(row.getObject(1, UUID.class), row.getObject(2,
                        UUID.class), row.getString(3), row.getTimestamp(4).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the note " + noteId, e);
        }
    }
}
