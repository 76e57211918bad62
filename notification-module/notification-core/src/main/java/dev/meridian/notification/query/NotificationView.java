package dev.meridian.notification.query;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as {@code GET /api/notifications/me} lists it (API.md).
 *
 * @param notificationId the notification
 * @param kind           what it is, such as {@code WELCOME}
 * @param channel        how it goes, such as {@code EMAIL}
 * @param subject        the subject it was sent with; null until sent
 * @param status         HELD, QUEUED, SENT, FAILED or CANCELLED
 * @param attempts       tries so far
 * @param createdAt      when it was asked for
 * @param sentAt         when it went out; null until then
 */
public record NotificationView(UUID notificationId, String kind, String channel, String subject, String status,
                               int attempts, Instant createdAt, Instant sentAt) {
}
