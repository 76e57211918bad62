package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The account has a new password; every session it had is over and its refresh tokens are revoked. The password
 * appears in no event.
 *
 * @param userId the account
 * @param via    how it was changed: {@code PASSWORD_RESET}
 */
@EventType(name = "auth.PasswordChanged")
public record PasswordChanged(UUID userId, String via) implements AccountEvent {
}
