package dev.meridian.eventinfra.api;

/**
 * An append was refused because its stream was not at the expected version: someone else changed it first.
 * The web layer answers 409; the caller may reload and decide again, in a new transaction (when two appends
 * collide at the same moment, PostgreSQL has already aborted the losing transaction).
 */
public class ConcurrencyConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final ExpectedVersion expected;

    public ConcurrencyConflictException(String streamId, ExpectedVersion expected, String detail) {
        super("Stream " + streamId + " is not at " + expected + ": " + detail);
        this.streamId = streamId;
        this.expected = expected;
    }

    /** The stream that changed. */
    public String streamId() {
        return streamId;
    }

    /** What the refused append expected. */
    public ExpectedVersion expected() {
        return expected;
    }
}
