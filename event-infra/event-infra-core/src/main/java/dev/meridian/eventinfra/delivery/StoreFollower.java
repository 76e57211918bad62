package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.store.PostgresEventStore.StoredBatch;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;

/**
 * A batch loop that follows the store in global order for some event types (a relay, a projection). A commit wakes
 * it only when it holds one of those types: waking every reader for every commit cost each of them a transaction,
 * and a checkpoint write, per commit.
 *
 * <p>A read can stop at a gap, positions that transactions still running may fill. The commit that fills it may
 * hold only types this loop does not read, so it would not wake the loop; a loop held at a gap therefore looks
 * again after {@link #GAP_RECHECK} rather than at the next poll.
 */
public abstract class StoreFollower extends BatchLoop {

    static final Duration GAP_RECHECK = Duration.ofMillis(10);

    private final Set<String> eventTypes;
    private boolean heldAtGap;

    protected StoreFollower(Set<String> eventTypes, int batchSize, Duration pollInterval, Duration failurePause) {
        super(batchSize, pollInterval, failurePause);
        this.eventTypes = Set.copyOf(eventTypes);
    }

    /** The event types this loop reads. */
    protected final Set<String> eventTypes() {
        return eventTypes;
    }

    /** Events of {@code committedTypes} were committed: look now if this loop reads any of them. */
    public final void committed(Set<String> committedTypes) {
        if (!Collections.disjoint(eventTypes, committedTypes)) {
            wakeUp();
        }
    }

    /** Notes where the batch just read from the store stopped; returns it. */
    protected final StoredBatch followed(StoredBatch batch) {
        heldAtGap = batch.gapPending();
        return batch;
    }

    @Override
    protected final Duration idleWait() {
        // read once per wait: a round that reads nothing (another server holds the lock) is not held at a gap
        boolean held = heldAtGap;
        heldAtGap = false;
        return held && GAP_RECHECK.compareTo(super.idleWait()) < 0 ? GAP_RECHECK : super.idleWait();
    }
}
