package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A person asked for everything Meridian holds about them. Every module that holds something answers with its
 * {@link DataExportSection}, as a {@link dev.meridian.eventinfra.api.PrivateReply}, before {@code deadline}.
 * Carries no personal data.
 *
 * @param exportId the export
 * @param userId   the person
 * @param deadline when the export fails unless every module has answered
 */
@EventType(name = "user.UserDataExportRequested")
public record UserDataExportRequested(UUID exportId, UUID userId, Instant deadline)
        implements DataExportEvent {
}
