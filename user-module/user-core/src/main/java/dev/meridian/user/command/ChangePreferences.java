package dev.meridian.user.command;

import java.util.Map;
import java.util.UUID;

/**
 * The owner replaces their preferences.
 *
 * @param userId      whose profile
 * @param preferences the new preferences, strings and booleans by name
 */
public record ChangePreferences(UUID userId, Map<String, Object> preferences) {
}
