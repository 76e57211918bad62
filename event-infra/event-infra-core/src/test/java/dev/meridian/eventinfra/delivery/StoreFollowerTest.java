package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.store.PostgresEventStore.ReadEnd;
import dev.meridian.eventinfra.store.PostgresEventStore.StoredBatch;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a reader of the store reads again: at once while there is more, at a commit of its types, soon after a gap
 * held it back, and not sooner than its minimum interval.
 */
class StoreFollowerTest {

    private static final Duration NEVER_POLLS = Duration.ofMinutes(10);
    private static final long WAIT_SECONDS = 10;

    private Follower follower;

    @AfterEach
    void stop() {
        follower.stop();
    }

    @Test
    void looksAtACommitOfItsTypesOnly() throws Exception {
        follower = started(Duration.ZERO);

        follower.committed(Set.of("other.Ordered"));
        assertThat(follower.rounds.poll(500, TimeUnit.MILLISECONDS)).as("a commit it does not read").isNull();

        follower.committed(Set.of("other.Ordered", "wanted.Ordered"));
        assertThat(follower.rounds.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("a commit it reads").isNotNull();
    }

    @Test
    void looksAgainSoonWhenAGapHeldItBack() throws Exception {
        follower = new Follower(Duration.ZERO);
        follower.reads.add(ReadEnd.AT_GAP);
        follower.startOn(Executors.defaultThreadFactory(), "follower");
        follower.rounds.take();

        assertThat(follower.rounds.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("another round without a commit or a poll").isNotNull();
        assertThat(follower.rounds.poll(500, TimeUnit.MILLISECONDS)).as("no gap any more, so no hurry").isNull();
    }

    @Test
    void readsOnAtOnceWhileTheStoreHasMoreHoweverFewEventsWereItsOwn() throws Exception {
        follower = new Follower(Duration.ofMinutes(1));
        follower.reads.addAll(List.of(ReadEnd.MORE, ReadEnd.MORE));
        follower.startOn(Executors.defaultThreadFactory(), "follower");

        for (int round = 1; round <= 3; round++) {
            assertThat(follower.rounds.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("round " + round).isNotNull();
        }
        assertThat(follower.rounds.poll(500, TimeUnit.MILLISECONDS)).as("caught up").isNull();
    }

    @Test
    void startsNoBatchSoonerThanItsMinimumIntervalAfterTheLast() throws Exception {
        Duration interval = Duration.ofMillis(400);
        follower = started(interval);
        follower.committed(Set.of("wanted.Ordered"));
        long first = follower.rounds.take();
        follower.committed(Set.of("wanted.Ordered"));

        Long second = follower.rounds.poll(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(second).as("the commit is read, later").isNotNull();
        assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(interval);
    }

    /** Started, with its first round (at start) done. */
    private static Follower started(Duration interval) throws InterruptedException {
        Follower follower = new Follower(interval);
        follower.startOn(Executors.defaultThreadFactory(), "follower");
        follower.rounds.take();
        return follower;
    }

    /**
     * Records when each round starts; each reads no event of its types and ends its read as {@link #reads} says
     * (caught up when it says nothing).
     */
    private static final class Follower extends StoreFollower {

        final BlockingQueue<Long> rounds = new LinkedBlockingQueue<>();
        final BlockingQueue<ReadEnd> reads = new LinkedBlockingQueue<>();
        private final Duration interval;

        Follower(Duration interval) {
            super(Set.of("wanted.Ordered"), 100, NEVER_POLLS, Duration.ofSeconds(1));
            this.interval = interval;
        }

        @Override
        protected int runBatch() {
            rounds.add(System.nanoTime());
            ReadEnd end = reads.poll();
            followed(new StoredBatch(List.of(), 0, end == null ? ReadEnd.CAUGHT_UP : end));
            return 0;
        }

        @Override
        protected void failed(Exception failure) {
            throw new AssertionError(failure);
        }

        @Override
        protected Duration minimumRoundInterval() {
            return interval;
        }
    }
}
