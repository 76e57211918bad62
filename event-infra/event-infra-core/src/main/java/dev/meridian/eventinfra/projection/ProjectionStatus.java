package dev.meridian.eventinfra.projection;

import java.time.Instant;

/**
 * Where a projection stands.
 *
 * @param name             the projection
 * @param module           the module that owns it
 * @param checkpoint       the global position it has applied up to
 * @param headPosition     the store's highest position
 * @param lag              positions between the head and the checkpoint
 * @param state            LIVE (following new events) or REBUILDING
 * @param rebuildTotal     events to replay in the current or last rebuild
 * @param rebuildDone      events replayed so far
 * @param rebuildStartedAt when the current or last rebuild started
 * @param eventsPerSecond  the rebuild's average rate so far
 * @param secondsLeft      the rebuild's estimated time to go, 0 when not rebuilding
 * @param error            the last failure, until a batch succeeds again
 * @param updatedAt        when the checkpoint last moved
 * @param rebuiltBy        who asked for the current or last rebuild; null when it was never rebuilt
 */
public record ProjectionStatus(String name, String module, long checkpoint, long headPosition, long lag,
                               String state, long rebuildTotal, long rebuildDone, Instant rebuildStartedAt,
                               double eventsPerSecond, long secondsLeft, String error, Instant updatedAt,
                               String rebuiltBy) {
}
