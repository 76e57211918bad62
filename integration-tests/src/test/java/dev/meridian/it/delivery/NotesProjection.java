package dev.meridian.it.delivery;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.module.ModuleDescriptor;
import dev.meridian.eventinfra.projection.Projection;
import dev.meridian.it.probe.ProbeEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/** A read model of the probe's events: per stream, how many and the last note and position. */
@ApplicationScoped
public class NotesProjection implements Projection {

    @Inject
    DataSource dataSource;

    private static String schema() {
        return ModuleDescriptor.of(NotesProjection.class).flatMap(ModuleDescriptor::schema).orElseThrow();
    }

    @Override
    public String name() {
        return "notes-" + schema();
    }

    @Override
    public Set<Class<? extends DomainEvent>> eventTypes() {
        return Set.of(ProbeEvents.Published.class);
    }

    @Override
    public void apply(List<EventEnvelope<DomainEvent>> events) {
        // the view needs each stream's count and latest event, so a batch is summed per stream before it is written
        Map<String, StreamNotes> perStream = new LinkedHashMap<>();
        for (EventEnvelope<DomainEvent> event : events) {
            add(perStream, event.streamId(), ((ProbeEvents.Published) event.event()).note(), event.globalPosition());
        }
        try (Connection db = dataSource.getConnection()) {
            write(db, schema() + ".notes_view", perStream);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stream's share of a batch of events.
     *
     * @param events       how many of the stream's events the batch holds
     * @param lastNote     the note of the latest of them
     * @param lastPosition its global position
     */
    public record StreamNotes(long events, String lastNote, long lastPosition) {

        StreamNotes then(StreamNotes later) {
            return new StreamNotes(events + later.events, later.lastNote, later.lastPosition);
        }
    }

    /** Counts one event, the batch's latest so far, into the batch's per-stream totals. */
    public static void add(Map<String, StreamNotes> perStream, String streamId, String note, long position) {
        perStream.merge(streamId, new StreamNotes(1, note, position), StreamNotes::then);
    }

    /**
     * Adds a batch's per-stream totals to {@code table} (a notes view) with one batched upsert, noting the
     * planning the upsert was given; the delivery benchmark's raw replay writes with this too, so both do the same
     * work.
     */
    public static void write(Connection db, String table, Map<String, StreamNotes> perStream) throws SQLException {
        try (PreparedStatement upsert = db.prepareStatement("insert into " + table
                + " as view (stream_id, events, last_note, last_position, planned_as)"
                + " values (?, ?, ?, ?, current_setting('plan_cache_mode'))"
                + " on conflict (stream_id) do update set events = view.events + excluded.events,"
                + " last_note = excluded.last_note, last_position = excluded.last_position,"
                + " planned_as = excluded.planned_as")) {
            for (Map.Entry<String, StreamNotes> stream : perStream.entrySet()) {
                upsert.setString(1, stream.getKey());
                upsert.setLong(2, stream.getValue().events());
                upsert.setString(3, stream.getValue().lastNote());
                upsert.setLong(4, stream.getValue().lastPosition());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    @Override
    public void reset() {
        try (Connection db = dataSource.getConnection();
             PreparedStatement truncate = db.prepareStatement("delete from " + schema() + ".notes_view")) {
            truncate.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
