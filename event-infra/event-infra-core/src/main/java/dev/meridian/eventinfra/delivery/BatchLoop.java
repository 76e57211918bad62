package dev.meridian.eventinfra.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The loop relays and projections run on: another batch at once after a full one; after a short one, a wait for
 * a wake-up call (something was committed) or the poll interval (something nobody told this server about), and
 * no new batch sooner than {@link #minimumRoundInterval()} after the previous one started; after a failure, a
 * pause before trying again. It runs until stopped.
 */
@API(status = API.Status.STABLE)
public abstract class BatchLoop implements Runnable {

    private final int batchSize;
    private final Duration pollInterval;
    private final Duration failurePause;
    private final WakeUps wakeUps = new WakeUps();
    private volatile boolean running = true;

    protected BatchLoop(int batchSize, Duration pollInterval, Duration failurePause) {
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.failurePause = failurePause;
    }

    /** Runs the loop on a new thread named {@code name} from {@code threads}, a factory of server-managed threads. */
    public final void startOn(ThreadFactory threads, String name) {
        Thread thread = threads.newThread(this);
        thread.setName(name);
        thread.start();
    }

    /** Something was committed: look now rather than at the next poll. */
    public void wakeUp() {
        wakeUps.wakeUp();
    }

    /** Ends the loop after the batch under way. */
    public void stop() {
        running = false;
        wakeUp();
    }

    /** Works through one batch; returns how many items it handled. */
    protected abstract int runBatch() throws Exception;

    /** The batch failed; the loop pauses, then tries again. */
    protected abstract void failed(Exception failure);

    /** Whether a batch that handled {@code handled} items is followed by the next at once: when it was full. */
    protected boolean goesOnAtOnce(int handled) {
        return handled >= batchSize;
    }

    /** How long to wait for a wake-up call after a short batch: the poll interval, unless the loop knows better. */
    protected Duration idleWait() {
        return pollInterval;
    }

    /**
     * The least time from the start of a short batch to the start of the next: under a steady flow of commits, the
     * next batch then takes what several commits appended instead of one transaction per commit. A wake-up after a
     * quiet spell is not held back. None unless the loop says otherwise.
     */
    protected Duration minimumRoundInterval() {
        return Duration.ZERO;
    }

    /** Before the first batch. */
    protected void starting() {
    }

    /** After the last batch, stopped or interrupted. */
    protected void ended() {
    }

    @Override
    public final void run() {
        starting();
        try {
            while (running) {
                try {
                    long started = System.nanoTime();
                    if (!goesOnAtOnce(runBatch())) {
                        wakeUps.await(idleWait());
                        long rest = minimumRoundInterval().toNanos() - (System.nanoTime() - started);
                        if (rest > 0 && running) {
                            TimeUnit.NANOSECONDS.sleep(rest);
                        }
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    // a batch cut off by the shutdown (the datasource stopping first) rolled back: nothing to report
                    if (running) {
                        failed(e);
                        Thread.sleep(failurePause.toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended();
        }
    }
}
