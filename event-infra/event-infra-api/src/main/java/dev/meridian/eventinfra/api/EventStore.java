package dev.meridian.eventinfra.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The event store: streams of events, appended with optimistic concurrency inside the caller's transaction, read
 * by stream or in global order. An event exists if and only if the transaction that appended it committed.
 */
public interface EventStore {

    /**
     * Appends {@code events} to the end of {@code streamId}, in order, if the stream is as {@code expected}.
     * Appending events whose ids are already stored in this stream at these positions changes nothing.
     *
     * @throws ConcurrencyConflictException when the stream is not as expected
     */
    AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events);

    /** Up to {@code maxCount} events of {@code streamId} from stream version {@code fromVersion} on, in order. */
    List<EventEnvelope<DomainEvent>> readStream(String streamId, long fromVersion, int maxCount);

    /**
     * Every event of {@code streamId} its retention keeps, in order, read a page at a time; none when there is no
     * such stream. Each page continues after the last version read: a truncated stream does not begin at 1.
     */
    default List<EventEnvelope<DomainEvent>> readStream(String streamId) {
        int page = 500;
        List<EventEnvelope<DomainEvent>> events = new ArrayList<>();
        List<EventEnvelope<DomainEvent>> read;
        long from = 1;
        do {
            read = readStream(streamId, from, page);
            events.addAll(read);
            from = read.isEmpty() ? from : read.get(read.size() - 1).streamVersion() + 1;
        } while (read.size() == page);
        return events;
    }

    /**
     * Up to {@code maxCount} events matching {@code query} after global position {@code afterPosition}, in global
     * order. Gap-safe: an event is never returned while an event with a lower position may still commit, so a
     * reader that continues from the batch's {@link EventBatch#nextAfterPosition()} misses nothing.
     */
    EventBatch readAll(EventQuery query, long afterPosition, int maxCount);

    /** Sets how much of {@code streamId} readers see from now on, replacing any earlier retention. */
    void retain(String streamId, StreamRetention retention);

    /**
     * Forgets a person: deletes the key their personal data is encrypted with, in the caller's transaction. From
     * the commit on, every stored event about them reads with its personal data redacted; nothing else changes.
     */
    void forgetSubject(String subjectId);
}
