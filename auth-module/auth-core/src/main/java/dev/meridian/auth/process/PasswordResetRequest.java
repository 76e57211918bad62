package dev.meridian.auth.process;

import java.util.Optional;
import java.util.UUID;

/**
 * A request to reset the password of the account with an address, leased to be worked on.
 *
 * @param id            the request
 * @param email         the normalised address as asked for; it may have no account
 * @param locale        the language of the person who asked (an ISO 639 code)
 * @param correlationId the request's correlation id, for the process' events
 * @param attempts      tries so far, this one included
 */
public record PasswordResetRequest(UUID id, String email, String locale, Optional<UUID> correlationId,
                                   int attempts) {

    @Override
    public String toString() {
        return "PasswordResetRequest[" + id + ", try " + attempts + "]";
    }
}
