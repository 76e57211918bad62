package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.List;
import java.util.UUID;

/**
 * A person started registering: the account exists, pending until the registration process closes.
 *
 * @param userId the new account's id
 * @param email  the normalised email address (personal data)
 * @param roles  the roles it starts with ({@code user}, {@code admin})
 */
@EventType(name = "auth.UserRegistered")
public record UserRegistered(@DataSubject UUID userId, @PersonalData String email, List<String> roles)
        implements AccountEvent {

    public UserRegistered {
        roles = List.copyOf(roles);
    }
}
