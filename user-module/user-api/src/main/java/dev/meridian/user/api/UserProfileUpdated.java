package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.UUID;

/**
 * The person changed their display name or locale; both are given as they are now.
 *
 * @param userId      the person
 * @param displayName the display name now (personal data)
 * @param locale      the language tag now
 */
@EventType(name = "user.UserProfileUpdated")
public record UserProfileUpdated(@DataSubject UUID userId, @PersonalData String displayName, String locale)
        implements ProfileEvent {
}
