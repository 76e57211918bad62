package dev.meridian.analytics.api;

import java.util.UUID;

/**
 * How the registration process tells analytics of a sign-up: {@code PUT} {@link #PATH} with this body as JSON,
 * inside the process' LRA (header {@code Long-Running-Action}). Analytics joins the LRA, keeps the sign-up as
 * pending and counts it on the day the process closes; a cancelled process is never counted. 200 when pending,
 * 409 when the process was cancelled meanwhile.
 *
 * @param userId the new account's user id
 */
public record SignUpRequest(UUID userId) {

    /** Where the analytics registration participant listens (not public: see {@code ParticipantCallers}). */
    public static final String PATH = "/api/analytics/participants/registration";
}
