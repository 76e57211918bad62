package dev.meridian.eventinfra.delivery;

/**
 * Event-infra's own bookkeeping failed (the database or the transaction manager), not the module code it runs: the
 * work must be tried again as a whole, and never counts as a failed delivery.
 */
public final class BookkeepingFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BookkeepingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
