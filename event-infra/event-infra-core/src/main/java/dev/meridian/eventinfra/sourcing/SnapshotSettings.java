package dev.meridian.eventinfra.sourcing;

import java.util.HashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * When and in which shape an aggregate type is snapshotted.
 *
 * @param stateClass    the snapshot record
 * @param schemaVersion the version of its JSON shape; raise it whenever the record changes
 * @param every         a snapshot is taken each time the stream passes a multiple of this many events
 * @param upcasters     by the schema version they read: how older snapshots become current; a stored snapshot
 *                      that cannot be brought to the current version is ignored and rebuilt from the events
 * @param <S>           the snapshot record
 */
@API(status = API.Status.STABLE)
public record SnapshotSettings<S extends Record>(Class<S> stateClass, int schemaVersion, int every,
                                                 Map<Integer, SnapshotUpcaster> upcasters) {

    /** Snapshots every this many events unless configured otherwise. */
    public static final int DEFAULT_EVERY = 100;

    public SnapshotSettings {
        if (schemaVersion < 1 || every < 1) {
            throw new IllegalArgumentException("A snapshot schema version and interval are 1 or more");
        }
        upcasters = Map.copyOf(upcasters);
    }

    /** Settings without upcasters: snapshots of older schema versions are rebuilt. */
    public SnapshotSettings(Class<S> stateClass, int schemaVersion, int every) {
        this(stateClass, schemaVersion, every, Map.of());
    }

    /** Snapshots of {@code stateClass} in schema {@code schemaVersion}, every {@value #DEFAULT_EVERY} events. */
    public static <S extends Record> SnapshotSettings<S> of(Class<S> stateClass, int schemaVersion) {
        return new SnapshotSettings<>(stateClass, schemaVersion, DEFAULT_EVERY);
    }

    /** These settings, reading snapshots of {@code fromVersion} through {@code upcaster}. */
    public SnapshotSettings<S> withUpcaster(int fromVersion, SnapshotUpcaster upcaster) {
        if (fromVersion < 1 || fromVersion >= schemaVersion) {
            throw new IllegalArgumentException("An upcaster reads a version from 1 to " + (schemaVersion - 1)
                    + ", not " + fromVersion);
        }
        Map<Integer, SnapshotUpcaster> more = new HashMap<>(upcasters);
        more.put(fromVersion, upcaster);
        return new SnapshotSettings<>(stateClass, schemaVersion, every, more);
    }
}
