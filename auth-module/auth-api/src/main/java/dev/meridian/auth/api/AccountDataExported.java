package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.DataExportContribution;
import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.util.UUID;

/**
 * Auth's section of a person's data export: their account, sessions and password resets, and the events of their
 * account. Never a password hash or a token.
 *
 * @param exportId the export
 * @param userId   the person
 * @param section  the section as a JSON object (personal data)
 */
@EventType(name = "auth.AccountDataExported")
public record AccountDataExported(UUID exportId, @DataSubject UUID userId, @PersonalData String section)
        implements DataExportContribution {
}
