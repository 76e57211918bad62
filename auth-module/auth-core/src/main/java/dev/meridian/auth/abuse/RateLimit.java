package dev.meridian.auth.abuse;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How many requests a key may make in a period, refilled gradually (a token bucket): {@code 5/PT1M} allows five at
 * once and one more every twelve seconds.
 *
 * @param requests how many
 * @param per      in how long
 */
public record RateLimit(long requests, Duration per) {

    public RateLimit {
        if (requests < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("A rate limit allows at least one request in a positive period");
        }
    }

    /** {@code <requests>/<ISO-8601 duration>}, such as {@code 20/PT1M}. */
    public static RateLimit parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                return new RateLimit(Long.parseLong(parts[0].strip()), Duration.parse(parts[1].strip()));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // answered below with the expected form
        }
        throw new IllegalArgumentException("Not a rate limit such as 20/PT1M: " + text);
    }
}
