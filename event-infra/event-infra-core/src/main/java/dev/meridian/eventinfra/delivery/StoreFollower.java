package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.store.PostgresEventStore.ReadEnd;
import dev.meridian.eventinfra.store.PostgresEventStore.StoredBatch;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;

/**
 * A batch loop that follows the store in global order for some event types (a relay, a projection). It reads on at
 * once while the store says there is more, however few of the events read were of its types. Otherwise it waits:
 * a commit wakes it only when it holds one of its types, since waking every reader for every commit cost each of
 * them a transaction, and a checkpoint write, per commit.
 *
 * <p>A read can stop at a gap, positions that transactions still running may fill. The commit that fills it may
 * hold only types this loop does not read, so it would not wake the loop; a loop held at a gap therefore looks
 * again after {@link #GAP_RECHECK} rather than at the next poll.
 */
public abstract class StoreFollower extends BatchLoop {

    static final Duration GAP_RECHECK = Duration.ofMillis(10);

    private final Set<String> eventTypes;
    // how the round under way ended its read; null when it read nothing (another server holds the lock)
    private ReadEnd lastRead;
    private boolean heldAtGap;

    protected StoreFollower(Set<String> eventTypes, int batchSize, Duration pollInterval, Duration failurePause) {
        super(batchSize, pollInterval, failurePause);
        this.eventTypes = Set.copyOf(eventTypes);
    }

    /** The event types this loop reads. */
    protected final Set<String> eventTypes() {
        return eventTypes;
    }

    /**
     * Events of {@code committedTypes} were committed: look now if this loop reads any of them. Returns whether it
     * does, for the count of wake-ups.
     */
    public final boolean committed(Set<String> committedTypes) {
        if (Collections.disjoint(eventTypes, committedTypes)) {
            return false;
        }
        wakeUp();
        return true;
    }

    /** Notes where the batch just read from the store stopped; returns it. */
    protected final StoredBatch followed(StoredBatch batch) {
        lastRead = batch.end();
        return batch;
    }

    @Override
    protected final boolean goesOnAtOnce(int handled) {
        ReadEnd read = lastRead;
        lastRead = null;
        heldAtGap = read == ReadEnd.AT_GAP;
        return read == ReadEnd.MORE;
    }

    @Override
    protected final Duration idleWait() {
        return heldAtGap && GAP_RECHECK.compareTo(super.idleWait()) < 0 ? GAP_RECHECK : super.idleWait();
    }
}
