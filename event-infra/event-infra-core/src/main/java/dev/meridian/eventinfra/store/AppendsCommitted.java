package dev.meridian.eventinfra.store;

/**
 * A CDI event fired right after a transaction that appended events committed (or right after an append outside a
 * transaction): whoever reads the store in global order can look now instead of at its next poll.
 */
public record AppendsCommitted() {
}
