package dev.meridian.user.api;

import dev.meridian.eventinfra.api.EventType;
import java.util.List;
import java.util.UUID;

/**
 * The deadline passed before every module answered: the export is given up, and the sections that did arrive are
 * deleted. Carries no personal data.
 *
 * @param exportId the export
 * @param userId   the person
 * @param missing  the modules that did not answer in time
 */
@EventType(name = "user.UserDataExportFailed")
public record UserDataExportFailed(UUID exportId, UUID userId, List<String> missing) implements DataExportEvent {

    public UserDataExportFailed {
        missing = List.copyOf(missing);
    }
}
