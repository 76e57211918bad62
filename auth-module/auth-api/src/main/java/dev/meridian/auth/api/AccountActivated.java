package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The registration process closed: the account may sign in.
 *
 * @param userId the account
 */
@EventType(name = "auth.AccountActivated")
public record AccountActivated(UUID userId) implements AccountEvent {
}
