package dev.meridian.analytics.query;

import java.time.Instant;

/**
 * What analytics holds about a person, as their data export shows it.
 *
 * @param registrationStartedAt when their registration began, while it is still in progress; null otherwise
 * @param lastSignInAt          when they last signed in, kept for the active-user counts; null if never
 * @param counts                what else analytics keeps, and why it is not about them
 */
public record AnalyticsExport(Instant registrationStartedAt, Instant lastSignInAt, String counts) {

    static final String COUNTS = "Sign-ups, sign-ins and events per day or hour: counts without user ids, which"
            + " cannot be traced to anyone.";
}
