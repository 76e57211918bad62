package dev.meridian.user.domain;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A person's preferences: a flat map from names to strings or booleans, small enough to travel in every event that
 * changes it. Names are letters, digits, dots, dashes and underscores, starting with a letter.
 *
 * @param values the preferences
 */
public record Preferences(Map<String, Object> values) {

    /** No preferences set. */
    public static final Preferences NONE = new Preferences(Map.of());

    static final int MAX_ENTRIES = 50;
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_TEXT_LENGTH = 500;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    public Preferences {
        if (values.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("At most " + MAX_ENTRIES + " preferences");
        }
        values.forEach(Preferences::check);
        values = Map.copyOf(values);
    }

    private static void check(String name, Object value) {
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a preference name: " + name);
        }
        if (value instanceof String text) {
            if (text.length() > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("Preference " + name + " is longer than " + MAX_TEXT_LENGTH);
            }
        } else if (!(value instanceof Boolean)) {
            throw new IllegalArgumentException("Preference " + name + " must be a string or a boolean");
        }
    }
}
