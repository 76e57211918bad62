package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * A sign-in to an existing account was refused. The caller is told nothing more than for an unknown email.
 *
 * @param userId the account
 * @param reason {@code WRONG_PASSWORD} or {@code NOT_ACTIVE}
 */
@EventType(name = "auth.LoginFailed")
public record LoginFailed(UUID userId, String reason) implements AccountEvent {
}
