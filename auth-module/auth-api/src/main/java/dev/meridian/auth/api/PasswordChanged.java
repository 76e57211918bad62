package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * The account has a new password; every session it had is over, but the one it was changed in, and their refresh
 * tokens are revoked. The password appears in no event.
 *
 * <p>Version 2 added {@code keptSessionId}; version 1 ended every session ({@link PasswordChangedV1Upcaster}).
 *
 * @param userId        the account
 * @param via           how it was changed: {@code PASSWORD_RESET} (a mailed link) or {@code PASSWORD_CHANGE} (its
 *                      owner, with the current password)
 * @param keptSessionId the session the owner changed it in, which goes on; null when every session ended
 */
@EventType(name = "auth.PasswordChanged", version = 2)
public record PasswordChanged(UUID userId, String via, UUID keptSessionId) implements AccountEvent {
}
