package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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

/** When a reader of the store looks again: at a commit of its types, soon after a gap held it back, never in a rush. */
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
        follower.heldAtGap.add(true);
        follower.startOn(Executors.defaultThreadFactory(), "follower");
        follower.rounds.take();

        assertThat(follower.rounds.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("another round without a commit or a poll").isNotNull();
        assertThat(follower.rounds.poll(500, TimeUnit.MILLISECONDS)).as("no gap any more, so no hurry").isNull();
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

    /** Records when each round starts; each reads an empty batch, held at a gap if {@link #heldAtGap} says so. */
    private static final class Follower extends StoreFollower {

        final BlockingQueue<Long> rounds = new LinkedBlockingQueue<>();
        final BlockingQueue<Boolean> heldAtGap = new LinkedBlockingQueue<>();
        private final Duration interval;

        Follower(Duration interval) {
            super(Set.of("wanted.Ordered"), 100, NEVER_POLLS, Duration.ofSeconds(1));
            this.interval = interval;
        }

        @Override
        protected int runBatch() {
            rounds.add(System.nanoTime());
            Boolean held = heldAtGap.poll();
            followed(new StoredBatch(List.of(), 0, held != null && held));
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
