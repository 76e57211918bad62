package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The account may sign in again: the process that disabled it was cancelled. Sessions revoked meanwhile stay
 * revoked.
 *
 * @param userId the account
 * @param reason why, for operators (never personal data)
 */
@EventType(name = "auth.AccountRestored")
public record AccountRestored(UUID userId, String reason) implements AccountEvent {
}
