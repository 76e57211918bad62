package dev.meridian.eventinfra.api;

import java.util.Map;

/**
 * Turns the stored JSON of one event type from {@code fromVersion} into {@code fromVersion + 1}. Stored events are
 * never rewritten; upcasters run on read, chained up to the version the code knows, so every old shape stays
 * readable forever.
 *
 * <p>The JSON object arrives as a mutable map (nested objects as maps, arrays as lists, numbers as
 * {@link java.math.BigDecimal}, and strings, booleans and nulls as themselves); return the new shape.
 */
public interface EventUpcaster {

    /** The stable name of the event type ({@link EventType#name()}). */
    String eventType();

    /** The version this upcaster reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /** The payload in the next version's shape. */
    Map<String, Object> upcast(Map<String, Object> payload);
}
