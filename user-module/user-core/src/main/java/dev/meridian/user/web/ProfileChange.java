package dev.meridian.user.web;

/**
 * The body of {@code PATCH /api/users/me}: what to change; a field left out stays as it is.
 *
 * @param displayName the new display name, 1 to 100 characters
 * @param locale      the new language, such as {@code de} or {@code pt-BR}
 */
public record ProfileChange(String displayName, String locale) {
}
