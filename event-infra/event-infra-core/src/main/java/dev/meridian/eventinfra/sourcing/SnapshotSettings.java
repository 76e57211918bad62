package dev.meridian.eventinfra.sourcing;

/**
 * When and in which shape an aggregate type is snapshotted.
 *
 * @param stateClass    the snapshot record
 * @param schemaVersion the version of its JSON shape; raise it whenever the record changes, and older snapshots
 *                      are ignored and rebuilt
 * @param every         a snapshot is taken each time the stream passes a multiple of this many events
 * @param <S>           the snapshot record
 */
public record SnapshotSettings<S extends Record>(Class<S> stateClass, int schemaVersion, int every) {

    /** Snapshots every this many events unless configured otherwise. */
    public static final int DEFAULT_EVERY = 100;

    public SnapshotSettings {
        if (schemaVersion < 1 || every < 1) {
            throw new IllegalArgumentException("A snapshot schema version and interval are 1 or more");
        }
    }

    /** Snapshots of {@code stateClass} in schema {@code schemaVersion}, every {@value #DEFAULT_EVERY} events. */
    public static <S extends Record> SnapshotSettings<S> of(Class<S> stateClass, int schemaVersion) {
        return new SnapshotSettings<>(stateClass, schemaVersion, DEFAULT_EVERY);
    }
}
