package dev.meridian.eventinfra.sourcing;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Turns a stored snapshot's JSON from one schema version into the next, so a change to the snapshot record does
 * not throw every snapshot away. The tree is as {@link dev.meridian.eventinfra.store.EventJson#toTree} makes it.
 */
@FunctionalInterface
@API(status = API.Status.STABLE)
public interface SnapshotUpcaster {

    /** The state in the next schema version's shape. */
    Map<String, Object> upcast(Map<String, Object> state);
}
