package dev.meridian.user.domain;

import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * The language mails and pages are written in, as a well-formed BCP 47 tag in its canonical form ({@code en},
 * {@code de-CH}) whose language is an ISO 639 code of two or three letters (BCP 47 also allows five to eight, which
 * no language uses, and would accept {@code english}).
 *
 * @param value the canonical tag
 */
public record LanguageTag(String value) {

    public LanguageTag {
        if (value == null || !value.equals(canonical(value))) {
            throw new IllegalArgumentException("Not a language tag in canonical form: " + value);
        }
    }

    /** The tag as typed ({@code de_ch}, {@code DE-ch}), in canonical form; refuses what is no language tag. */
    public static LanguageTag of(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("Not a language tag");
        }
        return new LanguageTag(canonical(typed.strip().replace('_', '-')));
    }

    private static String canonical(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (locale.getLanguage().length() < 2 || locale.getLanguage().length() > 3) {
                throw new IllegalArgumentException("Not a language tag: " + tag);
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException("Not a language tag: " + tag, e);
        }
    }
}
