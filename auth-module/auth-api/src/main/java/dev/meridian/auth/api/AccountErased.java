package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The person was erased: auth deleted their address, credentials and tokens; the account can never sign in or be
 * registered again under this id. Carries no personal data.
 *
 * @param userId the account
 */
@EventType(name = "auth.AccountErased")
public record AccountErased(UUID userId) implements AccountEvent {
}
