package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.web.InvalidParameterException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads query parameters strictly: a malformed one is a 400 naming it, never a silently ignored filter. */
final class Parameters {

    private static final Set<String> DEAD_LETTER_STATUSES = Set.of("PARKED", "WAITING", "RESOLVED", "DISCARDED");

    private Parameters() {
    }

    static Optional<String> text(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > 200) {
            throw new InvalidParameterException(name, "must be at most 200 characters");
        }
        return Optional.of(value.strip());
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

    static Optional<Instant> instant(String name, String value) {
        try {
            return text(name, value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "must be an ISO-8601 UTC time such as 2026-11-22T10:15:30Z");
        }
    }
}
