package dev.meridian.eventinfra.api;

/**
 * What an append did.
 *
 * @param streamVersion       the stream's version after the append
 * @param lastGlobalPosition  the global position of the last appended event
 * @param replayed            true when these events were already stored, so nothing was written
 */
public record AppendResult(long streamVersion, long lastGlobalPosition, boolean replayed) {
}
