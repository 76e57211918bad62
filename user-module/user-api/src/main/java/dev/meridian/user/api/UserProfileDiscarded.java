package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The registration that created the profile was cancelled: the profile is gone as if it never existed.
 *
 * @param userId the person
 * @param reason why, for operators (never personal data)
 */
@EventType(name = "user.UserProfileDiscarded")
public record UserProfileDiscarded(UUID userId, String reason) implements ProfileEvent {
}
