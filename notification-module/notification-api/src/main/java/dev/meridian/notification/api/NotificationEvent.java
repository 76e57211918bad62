package dev.meridian.notification.api;

import dev.meridian.eventinfra.api.DomainEvent;
import java.util.UUID;

/**
 * What happened to a notification, on its stream ({@code notification-<notificationId>}). No event carries the
 * recipient's address or the message: those stay in the notification module's delivery log, which erasure
 * clears.
 */
public sealed interface NotificationEvent extends DomainEvent permits NotificationSent, NotificationFailed {

    /** The notification. */
    UUID notificationId();

    /** The person it is for. */
    UUID userId();
}
