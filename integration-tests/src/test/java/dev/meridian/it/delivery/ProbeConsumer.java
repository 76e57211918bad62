package dev.meridian.it.delivery;

import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.eventinfra.module.ModuleDescriptor;
import dev.meridian.it.probe.ProbeEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A consuming module's handler: records every event it is given, in its own schema, with no deduplication of its
 * own, so a doubled delivery would show as two rows. An event whose note is {@code poison-<schema>} fails until a
 * row in {@code <schema>.healed} says the bug is fixed; a confidence always fails.
 */
@ApplicationScoped
public class ProbeConsumer {

    @Inject
    DataSource dataSource;

    void on(@Observes @Delivered EventEnvelope<ProbeEvents.Published> envelope) throws SQLException {
        String schema = ModuleDescriptor.of(ProbeConsumer.class).flatMap(ModuleDescriptor::schema).orElseThrow();
        try (Connection db = dataSource.getConnection()) {
            if (envelope.event().note().equals("poison-" + schema) && !healed(db, schema)) {
                throw new IllegalStateException("The handler of " + schema + " cannot take this event yet");
            }
            try (PreparedStatement insert = db.prepareStatement("insert into " + schema
                    + ".applied (event_id, stream_id, stream_version, note) values (?, ?, ?, ?)")) {
                insert.setObject(1, envelope.eventId());
                insert.setString(2, envelope.streamId());
                insert.setLong(3, envelope.streamVersion());
                insert.setString(4, envelope.event().note());
                insert.executeUpdate();
            }
        }
    }

    void on(@Observes @Delivered ProbeEvents.Confided confided) {
        // quotes the personal data, as real error messages do
        throw new IllegalStateException("Cannot keep the secret " + confided.secret() + " of " + confided.subject());
    }

    private static boolean healed(Connection db, String schema) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select exists (select 1 from " + schema + ".healed)");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
