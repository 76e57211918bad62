package dev.meridian.eventinfra.web;

import jakarta.json.JsonString;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Reads the parameters every API shares strictly: a malformed one is a 400 naming it
 * ({@link InvalidParameterException}), never silently replaced by a default.
 */
@API(status = API.Status.STABLE)
public final class RequestParameters {

    /** The largest page any list answers. */
    public static final int MAX_PAGE_SIZE = 500;
    private static final int DEFAULT_PAGE_SIZE = 50;
    /**
     * The times and dates a parameter may name: years 1 to 9999. Java reads years up to a billion and PostgreSQL
     * stores some of them, but no request means one, and beyond PostgreSQL's range a query would fail.
     */
    private static final LocalDate EARLIEST_DATE = LocalDate.of(1, 1, 1);
    private static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

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

    /**
     * An optional ISO-8601 UTC time such as {@code 2026-11-22T10:15:30Z}, in the years 1 to 9999.
     *
     * @throws InvalidParameterException naming {@code name} when it is not one
     */
    public static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Instant instant = Instant.parse(value.strip());
            LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
            if (!date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE)) {
                return Optional.of(instant);
            }
        } catch (DateTimeException e) {
            // answered below, as for a time out of range
        }
        throw new InvalidParameterException(name, "must be an ISO-8601 UTC time from year 1 to 9999, such as"
                + " 2026-11-22T10:15:30Z");
    }

    /**
     * An optional ISO-8601 date such as {@code 2026-11-22}, in the years 1 to 9999.
     *
     * @throws InvalidParameterException naming {@code name} when it is not one
     */
    public static Optional<LocalDate> date(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (!date.isBefore(EARLIEST_DATE) && !date.isAfter(LATEST_DATE)) {
                return Optional.of(date);
            }
        } catch (DateTimeException e) {
            // answered below, as for a date out of range
        }
        throw new InvalidParameterException(name, "must be a date from year 1 to 9999, such as 2026-11-22");
    }

    /**
     * An optional text of at most {@code maxLength} characters, stripped, with no control characters: a NUL would
     * reach PostgreSQL, which refuses it in text, and no name, type or search term holds one.
     *
     * @throws InvalidParameterException naming {@code name} when it is too long or holds a control character
     */
    public static Optional<String> text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            throw new InvalidParameterException(name, "must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(name, "must not contain control characters");
        }
        return Optional.of(value.strip());
    }

    /**
     * A bearer token's claim (its {@code sid}, say) as a UUID; empty when it is absent or none. A claim comes as a
     * JSON-P string or as a plain string, depending on how the token was read.
     */
    public static Optional<UUID> uuidClaim(Object claim) {
        return uuid(claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString());
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
