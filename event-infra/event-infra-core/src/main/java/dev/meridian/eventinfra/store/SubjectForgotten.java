package dev.meridian.eventinfra.store;

/**
 * A CDI event fired, synchronously and in the forgetting transaction, right after a subject's key was deleted:
 * whatever keeps a decrypted copy of the subject's events outside the store (the dead-letter table) forgets it
 * in the same transaction.
 *
 * @param subjectId the subject whose personal data can no longer be read
 */
public record SubjectForgotten(String subjectId) {
}
