package dev.meridian.auth.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address in the one form accounts are found by: trimmed and lower-cased, so that {@code Ada@Example.org}
 * and {@code ada@example.org } are the same account. The check is deliberately loose (one {@code @}, a dot in the
 * domain, no spaces, at most 254 characters as SMTP allows): whether the address works is learned by mailing it.
 *
 * @param value the normalised address
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public EmailAddress {
        if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not an email address");
        }
    }

    /** The address as typed, normalised. */
    public static EmailAddress of(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("Not an email address");
        }
        return new EmailAddress(typed.strip().toLowerCase(Locale.ROOT));
    }
}
