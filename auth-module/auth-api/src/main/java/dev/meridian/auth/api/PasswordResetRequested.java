package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A password-reset link was mailed to the account's address; any earlier link stopped working. The token itself
 * appears in no event.
 *
 * @param userId    the account
 * @param expiresAt when the link stops working
 */
@EventType(name = "auth.PasswordResetRequested")
public record PasswordResetRequested(UUID userId, Instant expiresAt) implements AccountEvent {
}
