package dev.meridian.user.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A data export as {@code GET /api/users/me/data-exports/{exportId}} shows it (API.md).
 *
 * @param exportId    the export
 * @param status      {@code PENDING} while modules answer, {@code READY} to download, {@code FAILED} when a module
 *                    did not answer before the deadline
 * @param requestedAt when the person asked
 * @param deadline    when a still pending export fails
 * @param expiresAt   when the export and its archive are deleted; null while pending
 * @param missing     the modules that did not answer in time; empty unless failed
 * @param downloadUrl where the archive is; null unless ready
 */
public record DataExportView(UUID exportId, String status, Instant requestedAt, Instant deadline, Instant expiresAt,
                             List<String> missing, String downloadUrl) {
}
