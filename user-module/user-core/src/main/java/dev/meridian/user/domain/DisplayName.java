package dev.meridian.user.domain;

import dev.meridian.user.api.DisplayNameRule;

/**
 * The name other people see, as {@link DisplayNameRule} defines it.
 *
 * @param value the name
 */
public record DisplayName(String value) {

    public DisplayName {
        DisplayNameRule.violation(value).ifPresent(violation -> {
            throw new IllegalArgumentException(violation);
        });
    }

    /** The name as typed, trimmed. */
    public static DisplayName of(String typed) {
        return new DisplayName(typed == null ? null : typed.strip());
    }
}
