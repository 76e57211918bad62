package dev.meridian.notification.api;

import java.time.Instant;
import java.util.UUID;

/**
 * How auth asks for a new email-verification mail: {@code PUT} {@link #PATH} with this body as JSON, inside the
 * asking process' LRA (header {@code Long-Running-Action}). The mail goes out at once; when the process is
 * cancelled before it went out, it never does. The link is a credential: it is kept only until the mail is sent or
 * cancelled. 200 when queued, 409 when the process was cancelled meanwhile.
 *
 * @param userId    the account
 * @param email     where to send it: the account's address
 * @param locale    the language of the person who asked (an ISO 639 code); English when there is no template in it
 * @param link      the link that proves the address is the person's
 * @param expiresAt when the link stops working
 */
public record VerificationMailRequest(UUID userId, String email, String locale, String link, Instant expiresAt) {

    /** Where the notification module's email-verification participant listens (not public). */
    public static final String PATH = "/api/notifications/participants/email-verification";

    @Override
    public String toString() {
        return "VerificationMailRequest[userId=" + userId + ", link withheld]";
    }
}
