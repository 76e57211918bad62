package dev.meridian.auth.domain;

import java.util.Arrays;
import java.util.Locale;

/** What an account may do; the name in lower case is the JWT group and the name in events and the API. */
public enum Role {
    USER,
    ADMIN;

    /** The role's name in tokens, events and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code wireName}; refuses a name that is no role. */
    public static Role ofWireName(String wireName) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No role is called " + wireName));
    }
}
