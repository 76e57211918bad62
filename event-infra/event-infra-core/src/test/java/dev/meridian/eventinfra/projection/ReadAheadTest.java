package dev.meridian.eventinfra.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReadAheadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ExecutorService readers = Executors.newSingleThreadExecutor();
    private final List<Long> readAfter = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopReaders() throws InterruptedException {
        readers.shutdownNow();
        assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private ReadAhead<String> readAhead() {
        return new ReadAhead<>(readers, position -> {
            readAfter.add(position);
            return "batch after " + position;
        }, PATIENCE);
    }

    @Test
    void handsOverTheBatchReadFromWhereTheLoopGoesOn() throws Exception {
        ReadAhead<String> readAhead = readAhead();

        readAhead.start(1000);

        assertThat(readAhead.take(1000)).isEqualTo("batch after 1000");
        assertThat(readAhead.take(1000)).as("a batch is handed over once").isNull();
        assertThat(readAfter).containsExactly(1000L);
    }

    @Test
    void dropsABatchReadFromAnotherPosition() throws Exception {
        ReadAhead<String> readAhead = readAhead();

        readAhead.start(1000);

        assertThat(readAhead.take(0)).as("the checkpoint was reset by a rebuild meanwhile").isNull();
        assertThat(readAhead.take(1000)).as("dropped, not kept for later").isNull();
    }

    @Test
    void leavesAFailedReadToTheLoop() throws Exception {
        ReadAhead<String> readAhead = new ReadAhead<>(readers, position -> {
            throw new IllegalStateException("the database went away");
        }, PATIENCE);

        readAhead.start(1000);

        assertThat(readAhead.take(1000)).isNull();
    }

    @Test
    void waitsForAReadStillUnderWay() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReadAhead<String> readAhead = new ReadAhead<>(readers, position -> {
            reading.countDown();
            release.await();
            return "batch after " + position;
        }, PATIENCE);
        readAhead.start(1000);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        // the read cannot end before this releases it, so a take that did not wait would get nothing
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();

        assertThat(readAhead.take(1000)).isEqualTo("batch after 1000");
        releaser.join();
    }

    @Test
    @Timeout(10)
    void givesUpOnAReadThatTakesLongerThanItsPatience() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReadAhead<String> readAhead = new ReadAhead<>(readers, position -> {
            release.await();
            return "batch after " + position;
        }, Duration.ofMillis(200));
        readAhead.start(1000);

        try {
            assertThat(readAhead.take(1000)).as("the loop reads for itself").isNull();
        } finally {
            release.countDown();
        }
    }

    @Test
    void anInterruptedLoopStopsWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ReadAhead<String> readAhead = new ReadAhead<>(readers, position -> {
            release.await();
            return "batch after " + position;
        }, PATIENCE);
        readAhead.start(1000);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> readAhead.take(1000)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
            release.countDown();
        }
    }

    @Test
    void readsNothingOnceTheExecutorIsGone() throws Exception {
        ReadAhead<String> readAhead = readAhead();
        readers.shutdownNow();

        readAhead.start(1000);

        assertThat(readAhead.take(1000)).isNull();
        assertThat(readAfter).isEmpty();
    }
}
