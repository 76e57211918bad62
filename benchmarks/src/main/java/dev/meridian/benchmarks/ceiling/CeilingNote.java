package dev.meridian.benchmarks.ceiling;

/**
 * The body the ceiling probe takes, shaped like a profile change.
 *
 * @param displayName stored as it comes
 */
public record CeilingNote(String displayName) {
}
