package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The person proved that the address on their profile is theirs (auth's {@code auth.EmailAddressVerified}): the
 * profile says {@code emailVerified}.
 *
 * @param userId the person
 */
@EventType(name = "user.EmailVerified")
public record EmailVerified(UUID userId) implements ProfileEvent {
}
