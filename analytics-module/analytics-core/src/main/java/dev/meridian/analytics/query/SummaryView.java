package dev.meridian.analytics.query;

import java.util.Map;

/**
 * The figures of {@code GET /api/analytics/summary} (API.md), as of the projections' checkpoints.
 *
 * @param totalUsers         accounts activated and not erased
 * @param activeUsersLast24h accounts signed in within the last 24 hours
 * @param activeUsersLast7d  within the last 7 days
 * @param activeUsersLast30d within the last 30 days
 * @param loginsLast24h      sign-ins within the last 24 hours (whole hours: the current one and the 23 before)
 * @param eventsByType       events stored within the same 24 hours, by type
 */
public record SummaryView(long totalUsers, long activeUsersLast24h, long activeUsersLast7d, long activeUsersLast30d,
                          long loginsLast24h, Map<String, Long> eventsByType) {
}
