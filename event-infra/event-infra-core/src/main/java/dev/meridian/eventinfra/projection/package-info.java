/**
 * Projections: read models a module builds from the event store, each fed in global order from its own checkpoint,
 * rebuildable from scratch with progress. Modules implement {@link dev.meridian.eventinfra.projection.Projection};
 * operators use {@link dev.meridian.eventinfra.projection.Projections}.
 */
package dev.meridian.eventinfra.projection;
