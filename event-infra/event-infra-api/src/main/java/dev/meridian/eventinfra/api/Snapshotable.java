package dev.meridian.eventinfra.api;

/**
 * An aggregate whose state can be saved as a snapshot, so loading it reads the snapshot and only the events after
 * it. The snapshot record's JSON shape is versioned by the repository's configuration: a stored snapshot of
 * another schema version is ignored and rebuilt from the events.
 *
 * @param <S> the snapshot: a record holding the whole state
 */
public interface Snapshotable<S extends Record> {

    /** The whole state as a record. */
    S snapshot();

    /** Takes over the state of {@code snapshot}; called on a new, empty aggregate. */
    void restore(S snapshot);
}
