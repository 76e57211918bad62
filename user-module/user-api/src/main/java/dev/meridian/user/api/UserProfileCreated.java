package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.UUID;

/**
 * The registration process created the person's profile.
 *
 * @param userId      the person
 * @param email       the email address they registered with (personal data)
 * @param displayName the name other people see (personal data)
 * @param locale      the language tag mails and pages use, e.g. {@code en} or {@code de-CH}
 */
@EventType(name = "user.UserProfileCreated")
public record UserProfileCreated(@DataSubject UUID userId, @PersonalData String email,
                                 @PersonalData String displayName, String locale) implements ProfileEvent {
}
