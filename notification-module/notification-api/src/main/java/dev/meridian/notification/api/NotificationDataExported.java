package dev.meridian.notification.api;

import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PrivateReply;
import java.util.UUID;

/**
 * Notification answered a person's data export: its section (every notification in their delivery log, with
 * the address it went to, and the events of those notifications; never a one-time link) waits in event-infra for
 * the user module. Carries no personal data.
 *
 * @param exportId the export
 * @param userId   the person
 */
@EventType(name = "notification.NotificationDataExported")
public record NotificationDataExported(UUID exportId, UUID userId) implements PrivateReply {
}
