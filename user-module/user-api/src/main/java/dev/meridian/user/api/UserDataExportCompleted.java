package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PersonalData;
import java.time.Instant;
import java.util.UUID;

/**
 * Every module answered: the archive is ready for its owner to download until {@code expiresAt}, when it is
 * deleted. Notification mails the person the link.
 *
 * @param exportId    the export
 * @param userId      the person
 * @param email       where to tell them (personal data)
 * @param locale      the language to tell them in
 * @param downloadUrl where the owner downloads the archive (with their bearer token)
 * @param expiresAt   when the archive is deleted
 */
@EventType(name = "user.UserDataExportCompleted")
public record UserDataExportCompleted(UUID exportId, @DataSubject UUID userId, @PersonalData String email,
                                      String locale, String downloadUrl, Instant expiresAt)
        implements DataExportEvent {
}
