package dev.meridian.analytics.query;

import java.time.LocalDate;

/**
 * A count of one day (UTC), as {@code GET /api/analytics/signups} and {@code /logins} list them.
 *
 * @param date  the day
 * @param count how many that day
 */
public record DailyCount(LocalDate date, long count) {
}
