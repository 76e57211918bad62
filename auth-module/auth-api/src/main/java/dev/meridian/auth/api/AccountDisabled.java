package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The account can no longer sign in, and its sessions are revoked.
 *
 * @param userId the account
 * @param reason why, for operators (never personal data)
 */
@EventType(name = "auth.AccountDisabled")
public record AccountDisabled(UUID userId, String reason) implements AccountEvent {
}
