/**
 * The PostgreSQL event store: appends with optimistic concurrency inside the caller's transaction, reads by
 * stream and in gap-safe global order, and the JSON form of events and their metadata. It knows event types only
 * through {@link dev.meridian.eventinfra.store.EventTypeRegistry}, never a module.
 */
package dev.meridian.eventinfra.store;
