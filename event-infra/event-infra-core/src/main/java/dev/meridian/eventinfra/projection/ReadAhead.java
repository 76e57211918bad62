package dev.meridian.eventinfra.projection;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The next batch of a projection, read and decoded on another thread while the loop applies the current one. In a
 * rebuild, reading and decoding a batch takes about as long as applying and writing it; done in turn, one of two
 * cores sat idle. The batch is used only when the loop next reads from where it was started, and dropped
 * otherwise: another server took the projection over, a rebuild reset it, or the batch before failed.
 *
 * <p>Used by the loop's thread only.
 *
 * @param <T> a batch as read
 */
final class ReadAhead<T> {

    private static final Logger LOG = Logger.getLogger(ReadAhead.class.getName());

    /** Reads the batch after a position. */
    @FunctionalInterface
    interface Read<T> {
        T after(long position) throws Exception;
    }

    private final ExecutorService executor;
    private final Read<T> read;
    private long afterPosition;
    private Future<T> pending;

    ReadAhead(ExecutorService executor, Read<T> read) {
        this.executor = executor;
        this.read = read;
    }

    /** Starts reading the batch after {@code position}. */
    void start(long position) {
        drop();
        afterPosition = position;
        try {
            pending = executor.submit(() -> read.after(position));
        } catch (RejectedExecutionException e) {
            // the server is stopping: the loop reads for itself, if it still runs
            LOG.log(Level.FINE, "Cannot read ahead", e);
        }
    }

    /** The batch after {@code position} when it was read ahead, waiting for it if need be; otherwise null. */
    T take(long position) {
        Future<T> taken = pending;
        pending = null;
        if (taken == null) {
            return null;
        }
        if (afterPosition != position) {
            taken.cancel(false);
            return null;
        }
        try {
            return taken.get();
        } catch (ExecutionException e) {
            // the loop reads the same batch itself, and reports the failure if it fails again
            LOG.log(Level.FINE, "Reading ahead after " + position + " failed", e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken.cancel(false);
            return null;
        }
    }

    /** Drops a batch under way, if any; a read already running finishes and is thrown away. */
    void drop() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
