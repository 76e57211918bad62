package dev.meridian.eventinfra.web;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads the parameters every API shares strictly: a malformed one is a 400 naming it
 * ({@link InvalidParameterException}), never silently replaced by a default.
 */
public final class RequestParameters {

    /** The largest page any list answers. */
    public static final int MAX_PAGE_SIZE = 500;
    private static final int DEFAULT_PAGE_SIZE = 50;

    private RequestParameters() {
    }

    /** {@code ?page=}: from 0, 0 when absent. */
    public static int page(String value) {
        return number("page", value, 0, 0, Integer.MAX_VALUE);
    }

    /** {@code ?size=}: 1 to {@link #MAX_PAGE_SIZE}, 50 when absent. */
    public static int size(String value) {
        return number("size", value, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    /** A required UUID. */
    public static UUID uuid(String name, String value) {
        return uuid(value).orElseThrow(() -> new InvalidParameterException(name, "must be a UUID"));
    }

    /** {@code text} as a UUID; empty when it is absent or none (a token's subject, say). */
    public static Optional<UUID> uuid(String text) {
        try {
            return Optional.ofNullable(text).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw new InvalidParameterException(name, "must be a whole number from " + min + " to " + max);
    }
}
