package dev.meridian.eventinfra.api;

/**
 * What an append expects of its stream, so that a concurrent change is refused rather than merged. Stream
 * versions count events from 1; a stream that does not exist is at version 0.
 */
public sealed interface ExpectedVersion {

    /**
     * Any state of the stream is fine (no concurrency check): the events go at its head, even when another append
     * to the stream commits at the same moment (under read committed, PostgreSQL's default; only a stream that
     * other appends move 100 times during one append makes it give up with a conflict).
     */
    static ExpectedVersion any() {
        return Any.INSTANCE;
    }

    /** The stream must not exist yet. */
    static ExpectedVersion noStream() {
        return new Exactly(0);
    }

    /** The stream must be exactly at {@code version} (0 for a stream that does not exist). */
    static ExpectedVersion exactly(long version) {
        return new Exactly(version);
    }

    /** No concurrency check. */
    enum Any implements ExpectedVersion {
        INSTANCE;

        @Override
        public String toString() {
            return "any version";
        }
    }

    /**
     * The stream must be at this version.
     *
     * @param version the stream's version, 0 for no stream
     */
    record Exactly(long version) implements ExpectedVersion {

        public Exactly {
            if (version < 0) {
                throw new IllegalArgumentException("A stream version is 0 or more, not " + version);
            }
        }

        @Override
        public String toString() {
            return version == 0 ? "no stream" : "version " + version;
        }
    }
}
