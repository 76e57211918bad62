package dev.meridian.notification.api;

import java.time.Instant;
import java.util.UUID;

/**
 * How the password-reset process asks for the reset mail: {@code PUT} {@link #PATH} with this body as JSON, inside
 * the process' LRA (header {@code Long-Running-Action}). The reset mail goes out at once; when the process closes
 * (the password was reset) a confirmation follows, and when it is cancelled (expired, superseded) a reset mail not
 * yet sent never is. The link is a credential: it is kept only until the mail is sent or cancelled. 200 when
 * queued, 409 when the process was cancelled meanwhile.
 *
 * @param userId    the account
 * @param email     where to send it
 * @param locale    the language of the person who asked (an ISO 639 code); English when there is no template in it
 * @param link      the link that sets a new password
 * @param expiresAt when the link stops working
 */
public record PasswordResetMailRequest(UUID userId, String email, String locale, String link, Instant expiresAt) {

    /** Where the notification module's password-reset participant listens (not public). */
    public static final String PATH = "/api/notifications/participants/password-reset";

    @Override
    public String toString() {
        return "PasswordResetMailRequest[userId=" + userId + ", link withheld]";
    }
}
