package dev.meridian.user.web;

import java.util.UUID;

/**
 * The answer to an erasure request.
 *
 * @param processId the erasure process, in {@code /admin/api/processes/{id}}
 */
public record ErasureAnswer(UUID processId) {
}
