package dev.meridian.it.delivery;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.projection.Projection;
import dev.meridian.it.probe.ProbeEvents;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/** A read model of the probe's events: per stream, how many and the last note and position. */
@ApplicationScoped
public class NotesProjection implements Projection {

    @Resource(lookup = "java:jboss/datasources/MeridianDS")
    DataSource dataSource;

    private static String schema() {
        return ConfigProvider.getConfig().getValue("meridian.module.schema", String.class);
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
        try (Connection db = dataSource.getConnection();
             PreparedStatement upsert = db.prepareStatement("insert into " + schema()
                     + ".notes_view (stream_id, events, last_note, last_position) values (?, 1, ?, ?)"
                     + " on conflict (stream_id) do update set events = notes_view.events + 1,"
                     + " last_note = excluded.last_note, last_position = excluded.last_position")) {
            for (EventEnvelope<DomainEvent> event : events) {
                upsert.setString(1, event.streamId());
                upsert.setString(2, ((ProbeEvents.Published) event.event()).note());
                upsert.setLong(3, event.globalPosition());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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
