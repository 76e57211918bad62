package dev.meridian.eventinfra.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wake-up calls for a loop that otherwise polls (the relays, the projections): any number of calls while the loop
 * works make one early wake-up, never a burst of empty rounds.
 */
final class WakeUps {

    private final Semaphore calls = new Semaphore(0);

    /** Ends the current or next wait early. */
    void wakeUp() {
        if (calls.availablePermits() == 0) {
            calls.release();
        }
    }

    /** Waits for a wake-up call, at most {@code timeout}. */
    void await(Duration timeout) throws InterruptedException {
        calls.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        calls.drainPermits();
    }
}
