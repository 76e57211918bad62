package dev.meridian.notification.api;

import java.util.UUID;

/**
 * How the erasure process asks notification for its part: {@code PUT} {@link #PATH} with this body as JSON, inside
 * the process' LRA. Mails waiting to go to the person are held back at once; when the process closes, the
 * person's whole delivery log (addresses, names, subjects) is deleted; when it is cancelled the held-back mails
 * go out after all. 200 when done, 409 when the process was cancelled meanwhile.
 *
 * @param userId the person to erase
 */
public record NotificationErasureRequest(UUID userId) {

    /** Where notification's erasure participant listens (not public). */
    public static final String PATH = "/api/notifications/participants/erasure";
}
