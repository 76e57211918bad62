package dev.meridian.auth.command;

import java.util.UUID;

/**
 * End a session.
 *
 * @param userId    the account
 * @param sessionId the session, as named in its access token
 */
public record LogOut(UUID userId, UUID sessionId) {
}
