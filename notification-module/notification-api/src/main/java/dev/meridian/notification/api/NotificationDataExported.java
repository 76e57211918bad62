package dev.meridian.notification.api;

import dev.meridian.eventinfra.api.DataExportContribution;
import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.UUID;

/**
 * Notification's section of a person's data export: every notification in their delivery log, with the address
 * it went to, and the events of those notifications. Never a one-time link.
 *
 * @param exportId the export
 * @param userId   the person
 * @param section  the section as a JSON object (personal data)
 */
@EventType(name = "notification.NotificationDataExported")
public record NotificationDataExported(UUID exportId, @DataSubject UUID userId, @PersonalData String section)
        implements DataExportContribution {
}
