package dev.meridian.eventinfra.api;

import java.util.List;

/**
 * What a read in global order returned, and where the next read continues. The position moves past events the
 * query filtered out, so a reader that always continues from {@code nextAfterPosition} never stalls on a long
 * run of events it does not want.
 *
 * @param events            the matching events, in global order
 * @param nextAfterPosition pass this as {@code afterPosition} to read on
 */
public record EventBatch(List<EventEnvelope<DomainEvent>> events, long nextAfterPosition) {

    public EventBatch {
        events = List.copyOf(events);
    }
}
