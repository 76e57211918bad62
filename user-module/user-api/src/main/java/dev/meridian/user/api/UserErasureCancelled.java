package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The erasure process was cancelled (a module could not take its step): the profile is as it was, and may change
 * again. Carries no personal data.
 *
 * @param userId the person
 */
@EventType(name = "user.UserErasureCancelled")
public record UserErasureCancelled(UUID userId) implements ProfileEvent {
}
