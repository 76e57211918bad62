package dev.meridian.analytics.query;

import java.time.LocalDate;

/**
 * Sign-ups of one day (UTC), as {@code GET /api/analytics/signups} lists them.
 *
 * @param date  the day
 * @param count registrations that closed that day
 */
public record SignUpsView(LocalDate date, long count) {
}
