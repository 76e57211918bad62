package dev.meridian.eventinfra.store;

/** The event store could not do what was asked for a reason other than a concurrency conflict. */
public class EventStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
