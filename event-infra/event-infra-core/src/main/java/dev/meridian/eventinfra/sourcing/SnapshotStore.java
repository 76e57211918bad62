package dev.meridian.eventinfra.sourcing;

import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.EventStoreMetrics;
import dev.meridian.eventinfra.store.EventStoreException;
import dev.meridian.eventinfra.store.StreamIds;
import jakarta.json.bind.JsonbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The latest snapshot per stream, in the caller's transaction like the events. */
public final class SnapshotStore {

    private static final String LOAD = """
            select stream_version, schema_version, state::text from event_infra.snapshots where stream_id = ?
            """;

    // a snapshot never goes back in time or to an older schema, whatever order concurrent savers (or the old and
    // new nodes of a rolling deployment) commit in
    private static final String SAVE = """
            insert into event_infra.snapshots (stream_id, stream_version, schema_version, state)
            values (?, ?, ?, ?::jsonb)
            on conflict (stream_id) do update
               set stream_version = excluded.stream_version, schema_version = excluded.schema_version,
                   state = excluded.state, taken_at = now()
             where excluded.schema_version >= snapshots.schema_version
               and (snapshots.stream_version < excluded.stream_version
                    or snapshots.schema_version < excluded.schema_version)
            """;

    private final DataSource dataSource;
    private final EventJson json;
    private final EventStoreMetrics metrics;

    public SnapshotStore(DataSource dataSource, EventJson json, EventStoreMetrics metrics) {
        this.dataSource = dataSource;
        this.json = json;
        this.metrics = metrics;
    }

    void reportLookup(String streamId, String outcome) {
        metrics.snapshotLookup(StreamIds.categoryOf(streamId), outcome);
    }

    /**
     * A stored snapshot.
     *
     * @param streamVersion the stream version the state reflects
     * @param schemaVersion the version of the state's JSON shape
     * @param stateJson     the state
     */
    record Stored(long streamVersion, int schemaVersion, String stateJson) {
    }

    Optional<Stored> load(String streamId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LOAD)) {
            query.setString(1, streamId);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Stored(row.getLong(1), row.getInt(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot load the snapshot of " + streamId, e);
        }
    }

    /**
     * The stored state in the current schema, upcast if it is older; empty if it cannot be brought there or does
     * not read (a snapshot is a cache: the events rebuild it).
     */
    <S extends Record> Optional<S> state(Stored stored, SnapshotSettings<S> settings) {
        try {
            return upcastState(stored, settings);
        } catch (JsonbException | ClassCastException unreadable) {
            return Optional.empty();
        }
    }

    private <S extends Record> Optional<S> upcastState(Stored stored, SnapshotSettings<S> settings) {
        if (stored.schemaVersion() == settings.schemaVersion()) {
            return Optional.of(json.fromJson(stored.stateJson(), settings.stateClass()));
        }
        if (stored.schemaVersion() > settings.schemaVersion()) {
            return Optional.empty();
        }
        Map<String, Object> state = json.toTree(stored.stateJson());
        for (int version = stored.schemaVersion(); version < settings.schemaVersion(); version++) {
            SnapshotUpcaster upcaster = settings.upcasters().get(version);
            if (upcaster == null) {
                return Optional.empty();
            }
            state = upcaster.upcast(state);
        }
        return Optional.of(json.fromJson(json.fromTree(state), settings.stateClass()));
    }

    void save(String streamId, long streamVersion, int schemaVersion, Record state) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement save = connection.prepareStatement(SAVE)) {
            save.setString(1, streamId);
            save.setLong(2, streamVersion);
            save.setInt(3, schemaVersion);
            save.setString(4, json.toJson(state));
            save.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("Cannot save the snapshot of " + streamId, e);
        }
    }
}
