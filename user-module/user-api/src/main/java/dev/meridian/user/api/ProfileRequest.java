package dev.meridian.user.api;

import java.util.UUID;

/**
 * How the registration process asks the user module for a new account's profile: {@code PUT} {@link #PATH} with
 * this body as JSON, inside the process' LRA (header {@code Long-Running-Action}). The user module joins the LRA,
 * creates the profile and discards it again if the LRA is cancelled. 200 when the profile exists, 400 with a
 * problem naming the field when a value is invalid, 409 when the process was cancelled meanwhile.
 *
 * @param userId      the new account's user id
 * @param email       the address the person registered with
 * @param displayName the name other people see
 * @param locale      the person's language (an ISO 639 language code)
 */
public record ProfileRequest(UUID userId, String email, String displayName, String locale) {

    /** Where the user module's registration participant listens (not public: see {@code ParticipantCallers}). */
    public static final String PATH = "/api/users/participants/registration";
}
