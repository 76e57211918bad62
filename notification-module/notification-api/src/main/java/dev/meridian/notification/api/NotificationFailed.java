package dev.meridian.notification.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.UUID;

/**
 * A notification could not be delivered and is no longer tried.
 *
 * @param notificationId the notification
 * @param userId         the person it is for
 * @param kind           what it is, such as {@code WELCOME}
 * @param channel        how it was to go, such as {@code EMAIL}
 * @param attempts       how many tries were made
 * @param reason         the last failure
 */
@EventType(name = "notification.NotificationFailed")
public record NotificationFailed(UUID notificationId, UUID userId, String kind, String channel, int attempts,
                                 String reason) implements NotificationEvent {
}
