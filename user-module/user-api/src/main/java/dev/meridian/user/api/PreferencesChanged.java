package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.Map;
import java.util.UUID;

/**
 * The person replaced their preferences: a flat map of names to strings or booleans, given whole.
 *
 * @param userId      the person
 * @param preferences every preference now
 */
@EventType(name = "user.PreferencesChanged")
public record PreferencesChanged(UUID userId, Map<String, Object> preferences) implements ProfileEvent {

    public PreferencesChanged {
        preferences = Map.copyOf(preferences);
    }
}
