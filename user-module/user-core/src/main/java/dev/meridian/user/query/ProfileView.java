package dev.meridian.user.query;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A profile as {@code GET /api/users/me} shows it (API.md).
 *
 * @param userId        the account
 * @param email         the registered address
 * @param displayName   the name other people see
 * @param locale        the person's language
 * @param emailVerified whether the person proved the address is theirs
 * @param preferences   their preferences, a flat map of strings and booleans
 * @param createdAt     when the profile was created
 */
public record ProfileView(UUID userId, String email, String displayName, String locale, boolean emailVerified,
                          Map<String, Object> preferences, Instant createdAt) {
}
