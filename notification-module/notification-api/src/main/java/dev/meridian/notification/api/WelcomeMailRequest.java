package dev.meridian.notification.api;

import java.time.Instant;
import java.util.UUID;

/**
 * How the registration process asks for the welcome mail: {@code PUT} {@link #PATH} with this body as JSON, inside
 * the process' LRA (header {@code Long-Running-Action}). The mail is held while the process runs, sent when it
 * closes and never sent when it is cancelled. 200 when held, 409 when the process was cancelled meanwhile. The
 * verification link is a credential: it is kept only until the mail is sent or cancelled.
 *
 * @param userId                    the new account's user id
 * @param email                     where to send it
 * @param displayName               how to greet the person
 * @param locale                    the person's language (an ISO 639 code); English when there is no template in it
 * @param verificationLink          the link that proves the address is the person's
 * @param verificationLinkExpiresAt when that link stops working
 */
public record WelcomeMailRequest(UUID userId, String email, String displayName, String locale,
                                 String verificationLink, Instant verificationLinkExpiresAt) {

    /** Where the notification module's registration participant listens (not public). */
    public static final String PATH = "/api/notifications/participants/registration";

    @Override
    public String toString() {
        return "WelcomeMailRequest[userId=" + userId + ", link withheld]";
    }
}
