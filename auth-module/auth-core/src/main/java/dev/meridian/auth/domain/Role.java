package dev.meridian.auth.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /** The roles named {@code wireNames}; refuses a name that is no role. */
    public static Set<Role> allOf(Collection<String> wireNames) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        wireNames.forEach(name -> roles.add(ofWireName(name)));
        return roles;
    }

    /** The names of {@code roles}, in the order of this enum (user before admin). */
    public static List<String> wireNames(Collection<Role> roles) {
        return roles.stream().sorted().map(Role::wireName).toList();
    }
}
