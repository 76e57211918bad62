package dev.meridian.user.api;

import dev.meridian.eventinfra.api.DomainEvent;
import java.util.UUID;

/**
 * What happened to a person's data export, on the export's stream ({@code dataexport-<exportId>}). The export is a
 * choreography: {@link UserDataExportRequested} asks every module for its section, each answers with its own
 * {@link DataExportSection}, as a {@link dev.meridian.eventinfra.api.PrivateReply}, and the user module assembles the archive
 * ({@link UserDataExportCompleted}) or, when a section is still missing at the deadline, gives up
 * ({@link UserDataExportFailed}).
 */
public sealed interface DataExportEvent extends DomainEvent permits UserDataExportRequested, UserDataExportCompleted,
        UserDataExportFailed {

    /** The export. */
    UUID exportId();

    /** The person whose data it holds. */
    UUID userId();
}
