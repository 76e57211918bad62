package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The person's erasure began: the profile is frozen (it can no longer change) until the erasure process closes
 * ({@link UserErased}) or is cancelled ({@link UserErasureCancelled}). Carries no personal data.
 *
 * @param userId      the person
 * @param requestedBy who asked: the person themselves or an administrator (a user id)
 */
@EventType(name = "user.UserErasureRequested")
public record UserErasureRequested(UUID userId, UUID requestedBy) implements ProfileEvent {
}
