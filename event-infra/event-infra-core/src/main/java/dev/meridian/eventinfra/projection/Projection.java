package dev.meridian.eventinfra.projection;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A read model built from the event store: a CDI bean in a module's WAR that keeps tables in the module's schema.
 * Event-infra feeds it every event of the types it names, in global order, from a checkpoint kept in the same
 * transaction as what {@link #apply(List)} writes, so each event is applied exactly once. It follows new events
 * as they commit and can be rebuilt from scratch at any time ({@link #reset()}, then every stored event again).
 *
 * <p>Methods run inside event-infra's transaction on the shared datasource; they must not start their own.
 */
@API(status = API.Status.STABLE)
public interface Projection {

    /** A stable name, unique in the deployment: the checkpoint is kept under it. */
    String name();

    /** The events it reads: event records, or sealed interfaces standing for all their records. */
    Set<Class<? extends DomainEvent>> eventTypes();

    /** Applies a batch of events, in global order, read as the newest version of their types. */
    void apply(List<EventEnvelope<DomainEvent>> events);

    /** Forgets everything applied so far: a rebuild starts from here. */
    void reset();
}
