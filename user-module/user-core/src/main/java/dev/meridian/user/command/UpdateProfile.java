package dev.meridian.user.command;

import java.util.UUID;

/**
 * The owner changes their profile; a value not given stays as it is.
 *
 * @param userId      whose profile
 * @param displayName the new display name as typed, or null
 * @param locale      the new language as typed, or null
 */
public record UpdateProfile(UUID userId, String displayName, String locale) {
}
