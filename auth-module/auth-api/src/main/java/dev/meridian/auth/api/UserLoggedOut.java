package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * A session ended at the user's request; its refresh tokens are revoked.
 *
 * @param userId    the account
 * @param sessionId the session that ended
 */
@EventType(name = "auth.UserLoggedOut")
public record UserLoggedOut(UUID userId, UUID sessionId) implements AccountEvent {
}
