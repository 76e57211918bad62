package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The account's holder opened a verification link mailed to its address: the address is theirs. The user module
 * records it on the profile ({@code user.EmailVerified}). The token appears in no event.
 *
 * @param userId the account
 */
@EventType(name = "auth.EmailAddressVerified")
public record EmailAddressVerified(UUID userId) implements AccountEvent {
}
