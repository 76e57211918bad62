package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.web.InvalidParameterException;
import dev.meridian.eventinfra.web.RequestParameters;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Reads query parameters strictly: a malformed one is a 400 naming it, never a silently ignored filter. */
final class Parameters {

    private static final Set<String> DEAD_LETTER_STATUSES = Set.of("PARKED", "WAITING", "RESOLVED", "DISCARDED");
    private static final int MAX_TEXT_LENGTH = 200;

    private Parameters() {
    }

    static Optional<String> text(String name, String value) {
        return RequestParameters.text(name, value, MAX_TEXT_LENGTH);
    }

    /** {@link #text(String, String)} of at least {@code minLength} characters. */
    static Optional<String> text(String name, String value, int minLength) {
        Optional<String> text = text(name, value);
        if (text.isPresent() && text.get().length() < minLength) {
            throw new InvalidParameterException(name, "must have at least " + minLength + " characters");
        }
        return text;
    }

    static Optional<String> status(String value) {
        return oneOf("status", value, DEAD_LETTER_STATUSES);
    }

    static Optional<String> oneOf(String name, String value, Set<String> allowed) {
        Optional<String> chosen = text(name, value);
        if (chosen.isPresent() && !allowed.contains(chosen.get())) {
            throw new InvalidParameterException(name, "must be one of " + new TreeSet<>(allowed));
        }
        return chosen;
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    static long number(String name, String value, long fallback, long min, long max) {
        Optional<String> text = text(name, value);
        try {
            long number = text.map(Long::parseLong).orElse(fallback);
            if (number < min || number > max) {
                throw new InvalidParameterException(name, "must be from " + min + " to " + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a whole number from " + min + " to " + max);
        }
    }

    static Optional<UUID> uuid(String name, String value) {
        return text(name, value).map(text -> RequestParameters.uuid(name, text));
    }

    static Optional<Instant> instant(String name, String value) {
        return RequestParameters.instant(name, value);
    }
}
