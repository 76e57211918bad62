package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventUpcaster;
import java.util.Map;

/**
 * Reads a stored event as the newest version of its type: the stored JSON goes through the upcasters from its
 * version up, then becomes that version's record. The stored row is never changed.
 */
public final class StoredEventDecoder {

    private final EventTypeRegistry registry;
    private final EventJson json;

    public StoredEventDecoder(EventTypeRegistry registry, EventJson json) {
        this.registry = registry;
        this.json = json;
    }

    /**
     * An event read from the store.
     *
     * @param version the version of its shape after upcasting
     * @param event   the event
     */
    public record Decoded(int version, DomainEvent event) {
    }

    /** The stored {@code payload} of {@code type} at {@code storedVersion}, as the newest version's record. */
    public Decoded decode(String type, int storedVersion, String payload) {
        int newest = registry.newestVersionOf(type).orElseThrow(() ->
                new EventStoreException("This deployment knows no event type " + type, null));
        if (storedVersion > newest) {
            throw new EventStoreException("Stored " + type + " is version " + storedVersion
                    + " but this deployment knows versions up to " + newest + " only", null);
        }
        String currentPayload = payload;
        if (storedVersion < newest) {
            Map<String, Object> tree = json.toTree(payload);
            for (int version = storedVersion; version < newest; version++) {
                int from = version;
                EventUpcaster upcaster = registry.upcasterOf(type, from).orElseThrow(() ->
                        new EventStoreException("No upcaster reads " + type + " version " + from, null));
                tree = upcaster.upcast(tree);
            }
            currentPayload = json.fromTree(tree);
        }
        Class<? extends DomainEvent> eventClass = registry.classOf(type, newest).orElseThrow();
        return new Decoded(newest, json.fromJson(currentPayload, eventClass));
    }
}
