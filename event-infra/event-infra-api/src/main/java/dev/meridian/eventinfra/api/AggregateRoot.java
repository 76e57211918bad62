package dev.meridian.eventinfra.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An event-sourced aggregate: it decides, records what it decided as events, and changes its state only by
 * applying events. It neither persists nor injects anything; a repository loads it from its stream and appends
 * what it recorded.
 *
 * @param <E> the aggregate's event family
 */
public abstract class AggregateRoot<E extends DomainEvent> {

    private final List<E> recorded = new ArrayList<>();
    private long version;

    protected AggregateRoot() {
    }

    /** Records a decision: the event is applied at once and kept until the repository appends it. */
    protected final void record(E event) {
        apply(event);
        recorded.add(event);
    }

    /** Changes the state as {@code event} says. It must not fail or decide anything: the event already happened. */
    protected abstract void apply(E event);

    /** The version of the stream this aggregate was loaded at or last saved as; 0 for a new one. */
    public final long version() {
        return version;
    }

    /** The events recorded since the aggregate was loaded or saved, oldest first. */
    public final List<E> recordedEvents() {
        return List.copyOf(recorded);
    }

    /** For repositories: brings a stored event into the state, as stream version {@code streamVersion}. */
    public final void replay(E event, long streamVersion) {
        apply(event);
        version = streamVersion;
    }

    /** For repositories: the state already reflects the stream up to {@code streamVersion} (from a snapshot). */
    public final void restoredAt(long streamVersion) {
        version = streamVersion;
    }

    /** For repositories: the recorded events were appended and the stream is now at {@code streamVersion}. */
    public final void recordedEventsAppended(long streamVersion) {
        recorded.clear();
        version = streamVersion;
    }
}
