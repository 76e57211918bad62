package dev.meridian.user.domain;

/**
 * The name other people see: trimmed, 1 to 100 characters, no control characters (line breaks in a name end up in
 * mail headers and log lines).
 *
 * @param value the name
 */
public record DisplayName(String value) {

    private static final int MAX_LENGTH = 100;

    public DisplayName {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !value.equals(value.strip())
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A display name has 1 to " + MAX_LENGTH
                    + " characters and no control characters");
        }
    }

    /** The name as typed, trimmed. */
    public static DisplayName of(String typed) {
        return new DisplayName(typed == null ? null : typed.strip());
    }
}
