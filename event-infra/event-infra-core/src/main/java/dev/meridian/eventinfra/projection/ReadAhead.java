package dev.meridian.eventinfra.projection;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The next batch of a projection, read and decoded on another thread while the loop applies the current one. In a
 * rebuild, reading and decoding a batch takes about as long as applying and writing it; done in turn, one of two
 * cores sat idle. The batch is used only when the loop next reads from where it was started, and dropped
 * otherwise: another server took the projection over, a rebuild reset it, or the batch before failed. It is
 * waited for only so long: the loop waits holding its checkpoint's lock, and the shared executor may be busy.
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
    private final Duration patience;
    private long afterPosition;
    private Future<T> pending;

    ReadAhead(ExecutorService executor, Read<T> read, Duration patience) {
        this.executor = executor;
        this.read = read;
        this.patience = patience;
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

    /**
     * The batch after {@code position} when it was read ahead, waiting for it if need be, up to the patience given;
     * otherwise null.
     */
    T take(long position) throws InterruptedException {
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
            return taken.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // the loop reads the same batch itself, and reports the failure if it fails again
            LOG.log(Level.FINE, "Reading ahead after " + position + " failed", e.getCause());
            return null;
        } catch (TimeoutException e) {
            LOG.fine(() -> "Reading ahead after " + position + " took longer than " + patience);
            taken.cancel(false);
            return null;
        } catch (InterruptedException e) {
            taken.cancel(false);
            throw e;
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
