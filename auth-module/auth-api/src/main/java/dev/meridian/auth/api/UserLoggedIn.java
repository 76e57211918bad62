package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The account signed in and got a session (an access token and a refresh token family).
 *
 * @param userId    the account
 * @param sessionId the session; its refresh tokens belong to it
 */
@EventType(name = "auth.UserLoggedIn")
public record UserLoggedIn(UUID userId, UUID sessionId) implements AccountEvent {
}
