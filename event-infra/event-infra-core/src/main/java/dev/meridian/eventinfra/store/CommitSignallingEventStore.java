package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.AppendResult;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventBatch;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.StreamRetention;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.function.Consumer;

/**
 * The store as modules get it in the server: every append also arranges for {@link AppendsCommitted} to be fired
 * once its transaction commits, which is what makes the relay's low-latency path; forgetting a subject fires
 * {@link SubjectForgotten} at once.
 */
final class CommitSignallingEventStore implements EventStore {

    private static final Object SIGNAL_REGISTERED = new Object();

    private final PostgresEventStore store;
    private final TransactionSynchronizationRegistry transactions;
    private final Runnable signal;
    private final Consumer<SubjectForgotten> forgotten;

    CommitSignallingEventStore(PostgresEventStore store, TransactionSynchronizationRegistry transactions,
                               Runnable signal, Consumer<SubjectForgotten> forgotten) {
        this.store = store;
        this.transactions = transactions;
        this.signal = signal;
        this.forgotten = forgotten;
    }

    @Override
    public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events) {
        AppendResult result = store.append(streamId, expected, events);
        if (transactions.getTransactionKey() == null) {
            signal.run();
        } else if (transactions.getResource(SIGNAL_REGISTERED) == null) {
            // once per transaction, however many appends it makes
            transactions.putResource(SIGNAL_REGISTERED, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        signal.run();
                    }
                }
            });
        }
        return result;
    }

    @Override
    public List<EventEnvelope<DomainEvent>> readStream(String streamId, long fromVersion, int maxCount) {
        return store.readStream(streamId, fromVersion, maxCount);
    }

    @Override
    public EventBatch readAll(EventQuery query, long afterPosition, int maxCount) {
        return store.readAll(query, afterPosition, maxCount);
    }

    @Override
    public void retain(String streamId, StreamRetention retention) {
        store.retain(streamId, retention);
    }

    @Override
    public void forgetSubject(String subjectId) {
        store.forgetSubject(subjectId);
        forgotten.accept(new SubjectForgotten(subjectId));
    }
}
