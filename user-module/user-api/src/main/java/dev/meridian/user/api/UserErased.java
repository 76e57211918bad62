package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The person is erased: every module deleted what it held about them, and their key is shredded, so every personal
 * field of every stored event reads as absent. Carries no personal data.
 *
 * @param userId the person, now a number that leads nowhere
 */
@EventType(name = "user.UserErased")
public record UserErased(UUID userId) implements ProfileEvent {
}
