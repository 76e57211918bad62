package dev.meridian.user.command;

import java.util.UUID;

/**
 * Create the profile of a newly registered account, as a step of the registration process.
 *
 * @param lraId       the registration process' LRA
 * @param userId      the account
 * @param email       the address it registered with
 * @param displayName the name as typed
 * @param locale      the language as typed
 */
public record CreateProfile(String lraId, UUID userId, String email, String displayName, String locale) {
}
