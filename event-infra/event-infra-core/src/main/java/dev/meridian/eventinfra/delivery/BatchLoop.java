package dev.meridian.eventinfra.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The loop relays and projections run on: another batch at once after a full one; after a short one, a wait for
 * a wake-up call (something was committed) or the poll interval (something nobody told this server about); after a
 * failure, a pause before trying again. It runs until stopped.
 */
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
                    if (runBatch() < batchSize) {
                        wakeUps.await(pollInterval);
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
