package dev.meridian.auth.command;

import java.util.List;
import java.util.UUID;

/**
 * Give an account these roles, and only these.
 *
 * @param userId        the account
 * @param roles         the roles' names ({@code user}, {@code admin})
 * @param administrator the administrator's user id
 */
public record ChangeRoles(UUID userId, List<String> roles, UUID administrator) {
}
