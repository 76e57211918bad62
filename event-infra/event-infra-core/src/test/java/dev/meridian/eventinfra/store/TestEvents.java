package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventType;

/** Events of a shopping cart, for the store's tests. */
public sealed interface TestEvents extends DomainEvent {

    @EventType(name = "test.ItemAdded")
    record ItemAdded(String item, int quantity) implements TestEvents {
    }

    @EventType(name = "test.ItemRemoved")
    record ItemRemoved(String item) implements TestEvents {
    }
}
