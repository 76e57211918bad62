package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.Map;
import java.util.UUID;

/**
 * The person replaced their preferences: a flat map of names to strings or booleans, given whole. A value may be
 * anything the person typed, so the map is personal data, sealed with the person's key (stored before it was, it
 * reads as it was written).
 *
 * @param userId      the person
 * @param preferences every preference now; null once the person's key is shredded
 */
@EventType(name = "user.PreferencesChanged")
public record PreferencesChanged(@DataSubject UUID userId, @PersonalData Map<String, Object> preferences)
        implements ProfileEvent {

    public PreferencesChanged {
        preferences = preferences == null ? null : Map.copyOf(preferences);
    }
}
