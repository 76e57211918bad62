package dev.meridian.user.api;

import java.util.Optional;

/**
 * What a display name must be: trimmed, 1 to 100 characters, no control characters (line breaks in a name end up
 * in mail headers and log lines). Published so that a module asking for a profile ({@link ProfileRequest}) can
 * refuse a bad name at its own edge, before its process begins.
 */
public final class DisplayNameRule {

    /** The longest display name. */
    public static final int MAX_LENGTH = 100;

    private DisplayNameRule() {
    }

    /** What is wrong with {@code name} (already trimmed); empty when it is a display name. */
    public static Optional<String> violation(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !name.equals(name.strip())
                || name.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("A display name has 1 to " + MAX_LENGTH + " characters and no control characters");
        }
        return Optional.empty();
    }
}
