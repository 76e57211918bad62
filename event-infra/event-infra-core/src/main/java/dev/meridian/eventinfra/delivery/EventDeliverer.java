package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.store.PostgresEventStore;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands one event to one consumer, effectively once: in one transaction it records the event in the consumer's
 * inbox and runs the consumer's observers. A redelivered event finds its inbox row and is skipped.
 *
 * <p>An observer that fails rolls that transaction back; the delivery is tried again after the configured delays,
 * and after the last attempt it is parked in the dead-letter table (with the inbox row, so a redelivery does not
 * run it again). While an event is parked, the consumer's later events of the same stream are set waiting behind
 * it instead of being applied out of order; other streams are not held up.
 *
 * <p>Events that arrive together are first tried in one transaction: one inbox insert, one check for parked
 * streams, every observer, one commit. That pays the transaction and the commit once per batch instead of once per
 * event when consumers have a backlog. If anything in it is not plain (a parked stream, a failing observer), the
 * whole transaction rolls back and the events go one by one, each with its own retries.
 *
 * <p>A message describes an event; only an event that is in the store as described (its id, type and stream) is
 * applied. Any other is a message nobody appended, sent by whoever could send to the topic: it is refused at once,
 * counted ({@code meridian_delivery_unstored_events_total}) and logged (see {@link #refuse}); a redrive of a dead
 * letter checks the same.
 */
final class EventDeliverer {

    private static final Logger LOG = Logger.getLogger(EventDeliverer.class.getName());
    /** Enough of a refused message to tell where it came from; a sender chooses its size. */
    private static final int MAX_LOGGED_ENVELOPE = 2_000;

    /** What became of a delivery. */
    enum Outcome { APPLIED, DUPLICATE, WAITING, PARKED, REFUSED }

    /** The consumer's observers failed (or the event could not be read for them). */
    private static final class HandlerFailure extends Exception {
        private static final long serialVersionUID = 1L;

        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }

    private final DataSource dataSource;
    private final UserTransaction transaction;
    private final PostgresEventStore store;
    private final WireFormat wire;
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;

    EventDeliverer(DataSource dataSource, UserTransaction transaction, PostgresEventStore store, WireFormat wire,
                   DeliverySettings settings, DeliveryMetrics metrics) {
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.store = store;
        this.wire = wire;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Delivers events received together, in their order. */
    void deliverAll(ConsumingModule consumer, List<Delivery> deliveries) throws InterruptedException {
        if (deliveries.size() > 1 && deliverTogether(consumer, deliveries)) {
            return;
        }
        for (Delivery delivery : deliveries) {
            deliver(consumer, delivery);
        }
    }

    /** Applies the events in one transaction; false (with nothing applied) when one of them needs the slow path. */
    private boolean deliverTogether(ConsumingModule consumer, List<Delivery> deliveries) {
        Set<UUID> accepted;
        Transactions.begin(transaction);
        try (Connection db = dataSource.getConnection()) {
            DeadLetterTable.Admission admission = DeadLetterTable.admit(db, consumer.name(),
                    deliveries.stream().map(delivery -> delivery.header().id()).toList(),
                    deliveries.stream().map(delivery -> delivery.header().streamId()).distinct().toList());
            if (admission.anyStreamBlocked() || !store.allStoredAsClaimed(db,
                    deliveries.stream().map(EventDeliverer::claimed).toList())) {
                Transactions.rollback(transaction);
                return false;
            }
            accepted = admission.accepted();
        } catch (SQLException e) {
            Transactions.rollback(transaction);
            throw new BookkeepingFailure("Cannot record the delivery of " + deliveries.size() + " events", e);
        }
        List<Delivery> applied = new ArrayList<>(accepted.size());
        try {
            for (Delivery delivery : deliveries) {
                // remove, not contains: a message the broker handed over twice in one batch is applied once
                if (accepted.remove(delivery.header().id())) {
                    consumer.dispatch(delivery.event(store));
                    applied.add(delivery);
                }
            }
        } catch (RuntimeException failure) {
            Transactions.rollback(transaction);
            LOG.log(Level.FINE, failure, () -> "Delivering " + deliveries.size() + " events together to "
                    + consumer.name() + " failed; delivering them one by one");
            return false;
        }
        try {
            transaction.commit();
        } catch (Exception e) {
            LOG.log(Level.FINE, e, () -> "Committing " + deliveries.size() + " events together for "
                    + consumer.name() + " failed; delivering them one by one");
            return false;
        }
        applied.forEach(delivery -> recordApplied(consumer, delivery));
        for (int duplicate = applied.size(); duplicate < deliveries.size(); duplicate++) {
            metrics.duplicate(consumer.name());
        }
        return true;
    }

    /** Delivers with retries, parking the event after the last failed attempt. */
    Outcome deliver(ConsumingModule consumer, Delivery delivery) throws InterruptedException {
        Instant firstFailure = null;
        HandlerFailure lastFailure = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                metrics.retried(consumer.name(), delivery.header().type());
                Thread.sleep(settings.delayBefore(attempt).toMillis());
            }
            try {
                Outcome outcome = deliverOnce(consumer, delivery);
                if (outcome == Outcome.REFUSED) {
                    refuse(consumer, delivery);
                    return outcome;
                }
                if (outcome == Outcome.APPLIED) {
                    recordApplied(consumer, delivery);
                } else if (outcome == Outcome.DUPLICATE) {
                    metrics.duplicate(consumer.name());
                }
                return outcome;
            } catch (HandlerFailure failure) {
                firstFailure = firstFailure == null ? Instant.now() : firstFailure;
                lastFailure = failure;
                int failedAttempt = attempt;
                LOG.log(Level.FINE, failure, () -> "Attempt " + failedAttempt + " to deliver "
                        + delivery.header().eventId() + " to " + consumer.name() + " failed");
            }
        }
        Throwable failure = lastFailure.getCause();
        park(delivery, failure, settings.attempts(), firstFailure);
        metrics.deadLettered(consumer.name(), delivery.header().type());
        LOG.warning(() -> "Parked " + delivery.header().type() + " " + delivery.header().eventId() + " for "
                + consumer.name() + " after " + settings.attempts() + " attempts: "
                + DeadLetterTable.messageOf(failure));
        return Outcome.PARKED;
    }

    private boolean isStored(Connection db, Delivery delivery) throws SQLException {
        return store.allStoredAsClaimed(db, List.of(claimed(delivery)));
    }

    private static PostgresEventStore.ClaimedEvent claimed(Delivery delivery) {
        return new PostgresEventStore.ClaimedEvent(delivery.header().id(), delivery.header().type(),
                delivery.header().streamId());
    }

    /**
     * Refuses a delivery whose event is not in the store as its message describes it: counted and logged with its
     * envelope, never applied, and not parked. A dead letter would hold up the stream the message names (a sender
     * could stop any stream with one message), and a dead letter or inbox row under the event id it claims would
     * stand in the way of the genuine event of that id.
     */
    private void refuse(ConsumingModule consumer, Delivery delivery) {
        metrics.unstored(consumer.name());
        String envelope = delivery.envelopeJson();
        LOG.warning(() -> "Refused a message for " + consumer.name() + ": "
                + new NotStoredException(delivery.header()).getMessage() + "; the message: "
                + envelope.substring(0, Math.min(envelope.length(), MAX_LOGGED_ENVELOPE)));
    }

    private void recordApplied(ConsumingModule consumer, Delivery delivery) {
        metrics.delivered(consumer.name(), delivery.header().type());
        metrics.latency(consumer.name(),
                Duration.between(Instant.parse(delivery.header().occurredAt()), Instant.now()));
    }

    private Outcome deliverOnce(ConsumingModule consumer, Delivery delivery) throws HandlerFailure {
        Transactions.begin(transaction);
        try (Connection db = dataSource.getConnection()) {
            String stream = delivery.header().streamId();
            DeadLetterTable.Admission admission = DeadLetterTable.admit(db, consumer.name(),
                    List.of(delivery.header().id()), List.of(stream));
            if (admission.accepted().isEmpty()) {
                Transactions.commit(transaction);
                return Outcome.DUPLICATE;
            }
            if (!isStored(db, delivery)) {
                // the inbox row goes with it: the genuine message of this id must still be applied
                Transactions.rollback(transaction);
                return Outcome.REFUSED;
            }
            if (admission.anyStreamBlocked()) {
                DeadLetterTable.lockStream(db, consumer.name(), stream);
                if (DeadLetterTable.anyStreamBlocked(db, consumer.name(), List.of(stream))) {
                    DeadLetterTable.waitBehind(db, delivery);
                    Transactions.commit(transaction);
                    return Outcome.WAITING;
                }
            }
        } catch (SQLException e) {
            Transactions.rollback(transaction);
            throw new BookkeepingFailure("Cannot record the delivery of " + delivery.header().eventId(), e);
        }
        applyAndCommit(consumer, delivery);
        return Outcome.APPLIED;
    }

    /** Runs the observers in the current transaction and commits it; on failure it is rolled back. */
    private void applyAndCommit(ConsumingModule consumer, Delivery delivery) throws HandlerFailure {
        try {
            consumer.dispatch(delivery.event(store));
        } catch (RuntimeException failure) {
            Transactions.rollback(transaction);
            throw new HandlerFailure(failure);
        }
        try {
            transaction.commit();
        } catch (Exception e) {
            // an observer left the transaction rollback-only, or its writes failed at commit
            throw new HandlerFailure(e);
        }
    }

    private void park(Delivery delivery, Throwable failure, int attempts, Instant firstFailure) {
        Transactions.begin(transaction);
        try (Connection db = dataSource.getConnection()) {
            DeadLetterTable.accept(db, delivery.consumer(), delivery.header().id());
            DeadLetterTable.park(db, delivery, failure, attempts, firstFailure);
        } catch (SQLException e) {
            Transactions.rollback(transaction);
            throw new BookkeepingFailure("Cannot park " + delivery.header().eventId(), e);
        }
        Transactions.commit(transaction);
    }

    /**
     * Redrives a dead letter to its consumer: the event and, if it succeeds, the consumer's events of the stream
     * that waited behind it, in order, until one fails (that one becomes the stream's parked event).
     *
     * @return true when the dead letter itself was applied
     */
    boolean redrive(ConsumingModule consumer, UUID deadLetterId, Delivery delivery, String actor) {
        boolean applied = redriveOne(consumer, deadLetterId, delivery, actor, "RETRIED");
        if (applied) {
            releaseWaiting(consumer, delivery.header().streamId(), actor);
        }
        return applied;
    }

    /** Applies, in order, the consumer's events of the stream that wait behind no parked event any more. */
    void releaseWaiting(ConsumingModule consumer, String streamId, String actor) {
        while (true) {
            DeadLetters.Waiting next = nextWaiting(consumer.name(), streamId);
            if (next == null || !redriveOne(consumer, next.id(),
                    Delivery.of(consumer.name(), next.envelopeJson(), wire), actor, "RELEASED")) {
                return;
            }
        }
    }

    private DeadLetters.Waiting nextWaiting(String consumer, String streamId) {
        try (Connection db = dataSource.getConnection()) {
            return DeadLetters.nextWaiting(db, consumer, streamId);
        } catch (SQLException e) {
            throw new BookkeepingFailure("Cannot read the waiting deliveries of " + streamId, e);
        }
    }

    private boolean redriveOne(ConsumingModule consumer, UUID id, Delivery delivery, String actor, String action) {
        Transactions.begin(transaction);
        try (Connection db = dataSource.getConnection()) {
            if (!isStored(db, delivery)) {
                Transactions.rollback(transaction);
                recordFailedRedrive(id, new NotStoredException(delivery.header()), actor);
                return false;
            }
            DeadLetterTable.lockStream(db, consumer.name(), delivery.header().streamId());
            if (!DeadLetterTable.close(db, id, "RESOLVED")) {
                // someone else redrove or discarded it meanwhile
                Transactions.commit(transaction);
                return false;
            }
            DeadLetterTable.recordAction(db, id, action, actor, null);
        } catch (SQLException e) {
            Transactions.rollback(transaction);
            throw new BookkeepingFailure("Cannot redrive dead letter " + id, e);
        }
        try {
            applyAndCommit(consumer, delivery);
        } catch (HandlerFailure failure) {
            recordFailedRedrive(id, failure.getCause(), actor);
            return false;
        }
        metrics.delivered(consumer.name(), delivery.header().type());
        return true;
    }

    private void recordFailedRedrive(UUID id, Throwable failure, String actor) {
        Transactions.begin(transaction);
        try (Connection db = dataSource.getConnection()) {
            DeadLetterTable.failedAgain(db, id, failure);
            DeadLetterTable.recordAction(db, id, "RETRY_FAILED", actor, DeadLetterTable.messageOf(failure));
        } catch (SQLException e) {
            Transactions.rollback(transaction);
            throw new BookkeepingFailure("Cannot record the failed redrive of " + id, e);
        }
        Transactions.commit(transaction);
    }

    /** A message whose event is not in the store as it describes it: never applied. */
    static final class NotStoredException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotStoredException(WireFormat.Header header) {
            super("Event " + header.eventId() + " (" + header.type() + " on stream " + header.streamId() + ") is not in"
                    + " the event store as the message describes it; a message nobody appended is never applied");
        }
    }
}
