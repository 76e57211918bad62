package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.PublishedEvents;
import dev.meridian.eventinfra.module.ServerResource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The event store of the running server: the shared datasource (so appends join the caller's JTA transaction)
 * and the event types of every catalog in the EAR's lib/. Also the publishing bridge: {@link PublishedEvents}
 * fired by any module is appended in the firing transaction.
 */
@ApplicationScoped
public class EventStoreProducer {

    private static final Logger LOG = Logger.getLogger(EventStoreProducer.class.getName());

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry meterRegistry;

    @Inject
    @ServerResource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<AppendsCommitted> appendsCommitted;

    @Inject
    Event<SubjectForgotten> subjectForgotten;

    private EventJson json;
    private EventStoreMetrics metrics;
    private EventTypeRegistry registry;
    private PostgresEventStore store;
    private KeyEncryptionKey keyEncryptionKey;
    private EventStore signallingStore;

    @PostConstruct
    void open() {
        // the -api jars live beside this one in lib/, so this class loader sees every module's catalog
        registry = EventTypeRegistry.of(
                ServiceLoader.load(EventCatalog.class, EventStoreProducer.class.getClassLoader()));
        json = new EventJson();
        keyEncryptionKey = KeyEncryptionKey.configured(ConfigProvider.getConfig(EventStoreProducer.class
                .getClassLoader()));
        metrics = new MicrometerEventStoreMetrics(meterRegistry);
        store = new PostgresEventStore(dataSource, registry, json, metrics,
                keyEncryptionKey);
        int wrapped = store.wrapSubjectKeys();
        if (wrapped > 0) {
            LOG.info(() -> "Wrapped " + wrapped + " people's keys kept in the clear with key-encryption key "
                    + keyEncryptionKey.id());
        }
        signallingStore = new CommitSignallingEventStore(store, registry, transactions, appendsCommitted::fire,
                subjectForgotten::fire);
        LOG.info(() -> "Event store ready; keys are wrapped with key-encryption key " + keyEncryptionKey.id());
    }

    @PreDestroy
    void close() {
        json.close();
    }

    /** The store every module uses. */
    @Produces
    @ApplicationScoped
    public EventStore eventStore() {
        return signallingStore;
    }

    /** The key that wraps the keys kept in the database, for a module that keeps one (auth's signing key). */
    @Produces
    public KeyEncryptionKey keyEncryptionKey() {
        return keyEncryptionKey;
    }

    /** The store itself, for event-infra's own readers (relay, projections). */
    public PostgresEventStore store() {
        return store;
    }

    /** The store's metrics, which snapshot lookups report to as well. */
    public EventStoreMetrics metrics() {
        return metrics;
    }

    /** The one JSON-B instance event-infra reads and writes events with. */
    public EventJson json() {
        return json;
    }

    /** The registry of event types, checked when the first module starts. */
    public EventTypeRegistry registry() {
        return registry;
    }

    void append(@Observes PublishedEvents published) {
        signallingStore.append(published.streamId(), published.expected(), published.events());
    }
}
