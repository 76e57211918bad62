package dev.meridian.it;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a load's requests were answered, by status (0: no answer in time), with the slowest answer. */
final class Answers {

    static final int NONE = 0;

    private final ConcurrentMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, String> firstBodies = new ConcurrentHashMap<>();
    private final AtomicLong slowestNanos = new AtomicLong();

    void record(int status, String body, Duration took) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        firstBodies.putIfAbsent(status, body);
        slowestNanos.accumulateAndGet(took.toNanos(), Math::max);
    }

    long count(int status) {
        LongAdder count = byStatus.get(status);
        return count == null ? 0 : count.sum();
    }

    /** The count of every status seen, in order. */
    Map<Integer, Long> counts() {
        Map<Integer, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    /** The body of the first answer with {@code status}, or null. */
    String firstBody(int status) {
        return firstBodies.get(status);
    }

    Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }
}
