package dev.meridian.eventinfra.api;

/**
 * Something that happened in a module, named in the past tense. Implementations are immutable records annotated
 * with {@link EventType}; their stored and wire name is that annotation's {@code name}, never the class name.
 * Metadata (ids, correlation, actor, time) lives in the {@link EventEnvelope}, not in the event.
 */
public interface DomainEvent {
}
