package dev.meridian.auth.web;

import java.util.UUID;

/**
 * The answer to a registration.
 *
 * @param userId the new account's user id
 * @param status the account's status once the process closed: {@code ACTIVE}
 */
public record RegistrationAnswer(UUID userId, String status) {
}
