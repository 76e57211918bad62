package dev.meridian.notification.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * A notification was handed to its channel (for mail: accepted by the SMTP server).
 *
 * @param notificationId the notification
 * @param userId         the person it is for
 * @param kind           what it is, such as {@code WELCOME}
 * @param channel        how it went, such as {@code EMAIL}
 * @param attempts       how many tries it took
 */
@EventType(name = "notification.NotificationSent")
public record NotificationSent(UUID notificationId, UUID userId, String kind, String channel, int attempts)
        implements NotificationEvent {
}
