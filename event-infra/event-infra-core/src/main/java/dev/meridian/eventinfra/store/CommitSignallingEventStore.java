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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The store as modules get it in the server: every append also arranges for {@link AppendsCommitted}, with the
 * types of everything the transaction appended, to be fired once its transaction commits, which is what makes the
 * relay's low-latency path; forgetting a subject fires {@link SubjectForgotten} at once.
 */
final class CommitSignallingEventStore implements EventStore {

    // the key of the transaction's set of appended type names
    private static final Object APPENDED_TYPES = new Object();

    private final PostgresEventStore store;
    private final EventTypeRegistry registry;
    private final TransactionSynchronizationRegistry transactions;
    private final Consumer<AppendsCommitted> signal;
    private final Consumer<SubjectForgotten> forgotten;

    CommitSignallingEventStore(PostgresEventStore store, EventTypeRegistry registry,
                               TransactionSynchronizationRegistry transactions, Consumer<AppendsCommitted> signal,
                               Consumer<SubjectForgotten> forgotten) {
        this.store = store;
        this.registry = registry;
        this.transactions = transactions;
        this.signal = signal;
        this.forgotten = forgotten;
    }

    @Override
    public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events) {
        AppendResult result = store.append(streamId, expected, events);
        Set<String> types = new HashSet<>();
        events.forEach(event -> types.add(registry.typeOf(event.event()).name()));
        if (transactions.getTransactionKey() == null) {
            signal.accept(new AppendsCommitted(types));
            return result;
        }
        @SuppressWarnings("unchecked")
        Set<String> appended = (Set<String>) transactions.getResource(APPENDED_TYPES);
        if (appended == null) {
            // one signal per transaction, however many appends it makes
            Set<String> appendedInTransaction = new HashSet<>();
            transactions.putResource(APPENDED_TYPES, appendedInTransaction);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        signal.accept(new AppendsCommitted(appendedInTransaction));
                    }
                }
            });
            appended = appendedInTransaction;
        }
        appended.addAll(types);
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
