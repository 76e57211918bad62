package dev.meridian.analytics.query;

import java.time.Instant;

/**
 * What analytics holds about a person, as their data export shows it.
 *
 * @param registrationStartedAt when their registration began, while it is still in progress; null otherwise
 * @param counts                what else analytics keeps, and why it is not about them
 */
public record AnalyticsExport(Instant registrationStartedAt, String counts) {

    static final String COUNTS = "Sign-ups per day: counts without user ids, which cannot be traced to anyone.";
}
