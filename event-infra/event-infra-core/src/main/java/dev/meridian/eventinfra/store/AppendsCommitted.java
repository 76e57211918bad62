package dev.meridian.eventinfra.store;

import java.util.Set;

/**
 * A CDI event fired right after a transaction that appended events committed (or right after an append outside a
 * transaction): whoever reads the store in global order can look now instead of at its next poll.
 *
 * @param eventTypes the type names of the committed events, so that readers of other types need not look
 */
public record AppendsCommitted(Set<String> eventTypes) {

    public AppendsCommitted {
        eventTypes = Set.copyOf(eventTypes);
    }
}
