package dev.meridian.auth.process;

/**
 * What a person registers with.
 *
 * @param email       the address as typed
 * @param password    the password as typed
 * @param displayName the name as typed
 * @param locale      their language (an ISO 639 code)
 */
public record Registration(String email, String password, String displayName, String locale) {
}
