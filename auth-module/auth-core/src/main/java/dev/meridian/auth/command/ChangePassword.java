package dev.meridian.auth.command;

import java.util.UUID;

/**
 * The owner changes the password, in one of their sessions.
 *
 * @param userId          the account
 * @param sessionId       the session the change is made in; it stays signed in
 * @param currentPassword as typed, to show the change is the owner's and not a borrowed session's
 * @param newPassword     as typed; it follows the registration's rules
 */
public record ChangePassword(UUID userId, UUID sessionId, String currentPassword, String newPassword) {
}
