package dev.meridian.eventinfra.sourcing;

import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.EventStoreException;
import dev.meridian.eventinfra.store.EventStoreMetrics;
import dev.meridian.eventinfra.store.PersonalDataSeal;
import dev.meridian.eventinfra.store.StreamIds;
import jakarta.json.bind.JsonbException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The latest snapshot per stream, in the caller's transaction like the events. A snapshot's personal data is sealed
 * as its events' is ({@link PersonalDataSeal}), bound to the stream and version it reflects; one whose person was
 * forgotten does not open, and the aggregate is rebuilt from its (equally unreadable) events.
 */
@API(status = API.Status.STABLE)
public final class SnapshotStore {

    private static final Logger LOG = Logger.getLogger(SnapshotStore.class.getName());

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
    private final PersonalDataSeal seal;

    public SnapshotStore(DataSource dataSource, EventJson json, EventStoreMetrics metrics, PersonalDataSeal seal) {
        this.dataSource = dataSource;
        this.json = json;
        this.metrics = metrics;
        this.seal = seal;
    }

    void reportLookup(String streamId, String outcome) {
        metrics.snapshotLookup(StreamIds.categoryOf(streamId), outcome);
    }

    /**
     * A stored snapshot.
     *
     * @param streamId      the stream it is of
     * @param streamVersion the stream version the state reflects
     * @param schemaVersion the version of the state's JSON shape
     * @param stateJson     the state, its personal data sealed
     */
    record Stored(String streamId, long streamVersion, int schemaVersion, String stateJson) {
    }

    Optional<Stored> load(String streamId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LOAD)) {
            query.setString(1, streamId);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Stored(streamId, row.getLong(1), row.getInt(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot load the snapshot of " + streamId, e);
        }
    }

    /**
     * The stored state in the current schema, upcast if it is older; empty if it cannot be brought there, does not
     * read, or its person was forgotten (a snapshot is a cache: the events rebuild it).
     */
    <S extends Record> Optional<S> state(Stored stored, SnapshotSettings<S> settings) {
        try {
            return seal.opened(idOf(stored.streamId(), stored.streamVersion()), stored.stateJson())
                    .flatMap(opened -> upcastState(opened, stored.schemaVersion(), settings));
        } catch (JsonbException | ClassCastException unreadable) {
            return Optional.empty();
        } catch (EventStoreException doesNotOpen) {
            // altered, or sealed under a key that no longer unwraps: the events still tell the state
            LOG.log(Level.WARNING, "The snapshot of " + stored.streamId() + " does not open; rebuilding it from"
                    + " its events", doesNotOpen);
            return Optional.empty();
        }
    }

    private <S extends Record> Optional<S> upcastState(String stateJson, int schemaVersion,
                                                       SnapshotSettings<S> settings) {
        if (schemaVersion == settings.schemaVersion()) {
            return Optional.of(json.fromJson(stateJson, settings.stateClass()));
        }
        if (schemaVersion > settings.schemaVersion()) {
            return Optional.empty();
        }
        Map<String, Object> state = json.toTree(stateJson);
        for (int version = schemaVersion; version < settings.schemaVersion(); version++) {
            SnapshotUpcaster upcaster = settings.upcasters().get(version);
            if (upcaster == null) {
                return Optional.empty();
            }
            state = upcaster.upcast(state);
        }
        return Optional.of(json.fromJson(json.fromTree(state), settings.stateClass()));
    }

    /** Saves the snapshot, unless it holds personal data of a person who was forgotten (it cannot be sealed). */
    void save(String streamId, long streamVersion, int schemaVersion, Record state) {
        // sealed first: outside a transaction, holding one connection while the seal borrows another could starve
        // the pool under load
        Optional<String> sealed = seal.sealed(idOf(streamId, streamVersion), state);
        if (sealed.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement save = connection.prepareStatement(SAVE)) {
            save.setString(1, streamId);
            save.setLong(2, streamVersion);
            save.setInt(3, schemaVersion);
            save.setString(4, sealed.get());
            save.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("Cannot save the snapshot of " + streamId, e);
        }
    }

    /** What a snapshot's sealed values are bound to: its stream and version, so none can be moved to another. */
    private static UUID idOf(String streamId, long streamVersion) {
        return UUID.nameUUIDFromBytes(("snapshot of " + streamId + " at " + streamVersion)
                .getBytes(StandardCharsets.UTF_8));
    }
}
