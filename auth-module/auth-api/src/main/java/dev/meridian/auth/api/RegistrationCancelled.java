package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The registration process was cancelled: the account never became usable and its email address is free again.
 *
 * @param userId the account
 * @param reason why, for operators (never personal data)
 */
@EventType(name = "auth.RegistrationCancelled")
public record RegistrationCancelled(UUID userId, String reason) implements AccountEvent {
}
