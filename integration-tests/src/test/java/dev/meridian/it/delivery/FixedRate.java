package dev.meridian.it.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** An open-loop schedule: calls that start on the clock, whatever became of the earlier ones. */
public final class FixedRate {

    private FixedRate() {
    }

    /**
     * Calls {@code fire} with 0, 1, 2, ... at {@code rate} per second for {@code duration} seconds, on the clock:
     * a late call does not delay the ones after it (no coordinated omission).
     */
    public static void run(int rate, Duration duration, LongConsumer fire) throws InterruptedException {
        long intervalNanos = 1_000_000_000L / rate;
        long total = duration.toSeconds() * rate;
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long wait = start + n * intervalNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            fire.accept(n);
        }
    }
}
