package dev.meridian.eventinfra.sourcing;

import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.AppendResult;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.Snapshotable;
import dev.meridian.eventinfra.store.StreamIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Loads and saves one type of event-sourced aggregate, each instance in its own stream {@code <category>-<id>}.
 * Loading reads the latest snapshot (when snapshots are on and it is of the current schema) and the events after
 * it; saving appends the recorded events with the version the aggregate was loaded at, so a concurrent change
 * fails with {@link dev.meridian.eventinfra.api.ConcurrencyConflictException} instead of being merged.
 *
 * @param <A> the aggregate
 * @param <E> its event family
 */
@API(status = API.Status.STABLE)
public final class EventSourcedRepository<A extends AggregateRoot<E>, E extends DomainEvent> {

    private static final int PAGE = 1000;

    private final EventStore events;
    private final String category;
    private final Class<E> eventFamily;
    private final Supplier<A> newAggregate;
    private final SnapshotStore snapshots;
    private final SnapshotSettings<?> snapshotSettings;

    private EventSourcedRepository(EventStore events, String category, Class<E> eventFamily, Supplier<A> newAggregate,
                                   SnapshotStore snapshots, SnapshotSettings<?> snapshotSettings) {
        this.events = events;
        this.category = category;
        this.eventFamily = eventFamily;
        this.newAggregate = newAggregate;
        this.snapshots = snapshots;
        this.snapshotSettings = snapshotSettings;
    }

    /** A repository of aggregates made by {@code newAggregate}, without snapshots. */
    public static <A extends AggregateRoot<E>, E extends DomainEvent> EventSourcedRepository<A, E> of(
            EventStore events, String category, Class<E> eventFamily, Supplier<A> newAggregate) {
        StreamIds.requireValidCategory(category);
        return new EventSourcedRepository<>(events, category, eventFamily, newAggregate, null, null);
    }

    /** This repository, snapshotting as {@code settings} say; the aggregate must be {@link Snapshotable} of them. */
    public <S extends Record> EventSourcedRepository<A, E> withSnapshots(SnapshotStore store,
                                                                         SnapshotSettings<S> settings) {
        if (!(newAggregate.get() instanceof Snapshotable<?>)) {
            throw new IllegalArgumentException("Aggregates of category " + category + " are not Snapshotable");
        }
        return new EventSourcedRepository<>(events, category, eventFamily, newAggregate, store, settings);
    }

    /** The stream of the aggregate with this id. */
    public String streamOf(Object id) {
        return StreamIds.of(category, id);
    }

    /** The aggregate with this id as of its latest event, or empty when it has none. */
    public Optional<A> load(Object id) {
        String streamId = streamOf(id);
        A aggregate = newAggregate.get();
        boolean fromCurrentSnapshot = snapshots != null && restoreSnapshot(streamId, aggregate);
        long snapshotVersion = aggregate.version();
        List<EventEnvelope<DomainEvent>> page;
        do {
            page = events.readStream(streamId, aggregate.version() + 1, PAGE);
            for (EventEnvelope<DomainEvent> envelope : page) {
                aggregate.replay(eventFamily.cast(envelope.event()), envelope.streamVersion());
            }
        } while (page.size() == PAGE);
        if (aggregate.version() == 0) {
            return Optional.empty();
        }
        if (snapshots != null && !fromCurrentSnapshot
                && aggregate.version() - snapshotVersion >= snapshotSettings.every()) {
            // no usable snapshot yet (none, or of an older schema): rebuild it now that the state is at hand
            takeSnapshot(streamId, aggregate);
        }
        return Optional.of(aggregate);
    }

    /** When the aggregate with this id recorded its first event; empty when it has none. */
    public Optional<Instant> createdAt(Object id) {
        return events.readStream(streamOf(id), 1, 1).stream().findFirst().map(EventEnvelope::occurredAt);
    }

    /** Restores the aggregate from its snapshot; false when there is none usable (absent, or not upcastable). */
    private boolean restoreSnapshot(String streamId, A aggregate) {
        Optional<SnapshotStore.Stored> stored = snapshots.load(streamId);
        boolean restored = stored.isPresent() && restore(aggregate, stored.get(), snapshotSettings);
        snapshots.reportLookup(streamId, restored ? "hit" : stored.isPresent() ? "stale" : "miss");
        return restored;
    }

    @SuppressWarnings("unchecked")
    private <S extends Record> boolean restore(A aggregate, SnapshotStore.Stored stored, SnapshotSettings<S> settings) {
        Optional<S> state = snapshots.state(stored, settings);
        state.ifPresent(snapshot -> {
            ((Snapshotable<S>) aggregate).restore(snapshot);
            aggregate.restoredAt(stored.streamVersion());
        });
        return state.isPresent();
    }

    /**
     * Appends what {@code aggregate} recorded to its stream, expecting the stream to be where it was loaded.
     *
     * @return the append's result; for an aggregate that recorded nothing, its current version and no append
     */
    public AppendResult save(Object id, A aggregate, EventMetadata metadata) {
        List<E> recorded = aggregate.recordedEvents();
        if (recorded.isEmpty()) {
            return new AppendResult(aggregate.version(), 0, true);
        }
        String streamId = streamOf(id);
        long loadedVersion = aggregate.version();
        AppendResult result = events.append(streamId, ExpectedVersion.exactly(loadedVersion),
                recorded.stream().map(event -> NewEvent.of(event, metadata)).toList());
        aggregate.recordedEventsAppended(result.streamVersion());
        if (snapshots != null
                && result.streamVersion() / snapshotSettings.every() > loadedVersion / snapshotSettings.every()) {
            takeSnapshot(streamId, aggregate);
        }
        return result;
    }

    private void takeSnapshot(String streamId, A aggregate) {
        snapshots.save(streamId, aggregate.version(), snapshotSettings.schemaVersion(),
                ((Snapshotable<?>) aggregate).snapshot());
    }
}
