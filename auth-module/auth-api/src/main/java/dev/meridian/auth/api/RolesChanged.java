package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.List;
import java.util.UUID;

/**
 * An administrator changed the account's roles.
 *
 * @param userId    the account
 * @param roles     the roles it has now
 * @param changedBy the administrator's user id
 */
@EventType(name = "auth.RolesChanged")
public record RolesChanged(UUID userId, List<String> roles, UUID changedBy) implements AccountEvent {

    public RolesChanged {
        roles = List.copyOf(roles);
    }
}
