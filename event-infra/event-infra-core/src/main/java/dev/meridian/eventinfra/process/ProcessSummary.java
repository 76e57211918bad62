package dev.meridian.eventinfra.process;

import java.time.Instant;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * A process as the admin API lists it.
 *
 * @param id        Meridian's id of the process
 * @param lraId     the LRA coordinating it
 * @param type      registration, erasure, password-reset, ...
 * @param subjectId the user it is about
 * @param status    RUNNING, CLOSED, CANCELLED or FAILED
 * @param startedAt when it started
 * @param endedAt   when it ended; null while running
 * @param outcome   why it did not close; null otherwise
 */
@API(status = API.Status.EXPERIMENTAL)
public record ProcessSummary(UUID id, String lraId, String type, UUID subjectId, String status, Instant startedAt,
                             Instant endedAt, String outcome) {
}
