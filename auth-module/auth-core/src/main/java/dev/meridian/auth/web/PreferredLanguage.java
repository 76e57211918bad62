package dev.meridian.auth.web;

import java.util.Locale;

/** The language a person's mail is written in, read from their browser's {@code Accept-Language}. */
final class PreferredLanguage {

    private static final String DEFAULT = "en";

    private PreferredLanguage() {
    }

    /** The language of the first range the browser prefers, when it is one; else English. */
    static String of(String acceptLanguage) {
        try {
            return Locale.LanguageRange.parse(acceptLanguage == null ? DEFAULT : acceptLanguage).stream()
                    .map(range -> range.getRange().split("-")[0])
                    .filter(language -> language.matches("[a-z]{2,3}"))
                    .findFirst().orElse(DEFAULT);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
