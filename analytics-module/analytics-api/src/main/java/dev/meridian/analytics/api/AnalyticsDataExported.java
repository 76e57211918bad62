package dev.meridian.analytics.api;

import dev.meridian.eventinfra.api.DataExportContribution;
import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.UUID;

/**
 * Analytics' section of a person's data export. Analytics keeps counts, which say nothing about anyone, and a
 * registration's user id only while it is in progress; the section says which of that concerns the person.
 *
 * @param exportId the export
 * @param userId   the person
 * @param section  the section as a JSON object (personal data)
 */
@EventType(name = "analytics.AnalyticsDataExported")
public record AnalyticsDataExported(UUID exportId, @DataSubject UUID userId, @PersonalData String section)
        implements DataExportContribution {
}
