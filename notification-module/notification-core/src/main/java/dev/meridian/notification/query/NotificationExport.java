package dev.meridian.notification.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What notification holds about a person, as their data export shows it: the delivery log.
 *
 * @param notifications every notification for them, oldest first
 */
public record NotificationExport(List<SentNotification> notifications) {

    /** A notification with where it went; one-time links are left out (they may still work). */
    public record SentNotification(UUID notificationId, String kind, String channel, String recipient,
                                   String displayName, String locale, String status, String subject, int attempts,
                                   Instant createdAt, Instant sentAt) {
    }
}
