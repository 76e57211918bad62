package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.module.ModuleContext;
import dev.meridian.eventinfra.module.ModuleDescriptor;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.store.AppendsCommitted;
import dev.meridian.eventinfra.store.EventStoreProducer;
import dev.meridian.eventinfra.store.EventTypeRegistry;
import dev.meridian.eventinfra.store.PostgresEventStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Delivery in the running server: a relay per publishing module's topic, a consumer per module with
 * {@link Delivered} observers (its workers on each topic it needs), and redrives of dead letters.
 *
 * <p>Consumers start with their module. Relays start once every module with {@link Delivered} observers has
 * started ({@link dev.meridian.eventinfra.module.ModuleStartup} decides), so that every consumer's durable
 * subscription exists before the first event is put on a topic; a topic without subscriptions would drop it.
 */
@ApplicationScoped
public class DeliveryRuntime {

    private static final Logger LOG = Logger.getLogger(DeliveryRuntime.class.getName());
    private static final int REDRIVE_PROGRESS_EVERY = 1_000;

    @Inject
    DataSource dataSource;

    @Inject
    @ServerResource
    UserTransaction transaction;

    @Inject
    @ServerResource
    ManagedThreadFactory threads;

    @Inject
    @ServerResource
    ManagedExecutorService executor;

    @Inject
    EventStoreProducer eventStore;

    @Inject
    MeterRegistry meterRegistry;

    private DeliverySettings settings;
    private WireFormat wire;
    private BrokerAccess broker;
    private DeliveryMetrics metrics;
    private EventDeliverer deliverer;
    private final Map<String, EventRelay> relays = new ConcurrentHashMap<>();
    private final Map<String, ConsumingModule> consumers = new ConcurrentHashMap<>();
    private final List<SubscriptionWorker> workers = new CopyOnWriteArrayList<>();
    private final List<Thread> started = new CopyOnWriteArrayList<>();
    private volatile boolean relaying;
    private DeliveryRetention retention;
    private DeliveryAuditor auditor;
    // readiness connects through a factory of its own: it never waits behind the relays' and consumers' attempts
    private BrokerAccess readinessBroker;

    @PostConstruct
    void open() {
        settings = DeliverySettings.from(ConfigProvider.getConfig(DeliveryRuntime.class.getClassLoader()));
        wire = new WireFormat(eventStore.json());
        broker = new BrokerAccess(settings);
        metrics = new DeliveryMetrics(meterRegistry);
        deliverer = new EventDeliverer(dataSource, transaction, eventStore.store(), wire, settings, metrics);
        auditor = new DeliveryAuditor(consumers, dataSource, settings, metrics);
    }

    @PreDestroy
    void close() {
        relays.values().forEach(EventRelay::stop);
        workers.forEach(SubscriptionWorker::stop);
        auditor.stop();
        synchronized (this) {
            if (readinessBroker != null) {
                readinessBroker.close();
            }
        }
        if (retention != null) {
            retention.stop();
        }
        for (Thread thread : started) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Subscribes the module if it observes delivered events; registers its topic's relay if it publishes. */
    public void startModule(ModuleDescriptor descriptor, ModuleContext module,
                            List<ObserverMethod<?>> handlers) {
        if (!handlers.isEmpty()) {
            ConsumingModule consumer = ConsumingModule.of(module, handlers, registry());
            consumers.put(consumer.name(), consumer);
            for (String topic : consumer.topics()) {
                // the durable subscription exists before the module counts as started
                SubscriptionWorker.subscribe(broker, consumer.name(), topic);
                for (int session = 1; session <= settings.sessionsPerConsumer(); session++) {
                    SubscriptionWorker worker = new SubscriptionWorker(consumer, topic, broker, deliverer, wire,
                            settings.deliveryBatchSize());
                    workers.add(worker);
                    startThread("consumer-" + consumer.name() + "-" + topic + "-" + session, worker);
                }
            }
            LOG.info(() -> "Module " + consumer.name() + " consumes " + consumer.eventTypes() + " from "
                    + consumer.topics());
        }
        descriptor.topic().ifPresent(topic -> registerRelay(descriptor.name(), topic));
    }

    /** Starts relaying every publishing module's topic, now and for modules that start later. */
    public synchronized void startRelays() {
        if (relaying) {
            return;
        }
        relaying = true;
        relays.values().forEach(relay -> startThread("relay-" + relay.topic(), relay));
        retention = new DeliveryRetention(dataSource, settings);
        startThread("delivery-retention", retention);
        if (settings.audits()) {
            startThread("delivery-audit", auditor);
        }
    }

    private synchronized void registerRelay(String moduleName, String topic) {
        if (!topic.equals(Topics.topicOfModule(moduleName))) {
            throw new IllegalStateException("Module " + moduleName + " must publish on "
                    + Topics.topicOfModule(moduleName) + ", not " + topic);
        }
        Set<String> types = registry().names().stream()
                .filter(name -> name.startsWith(Topics.eventPrefixOf(moduleName)))
                .collect(Collectors.toSet());
        if (types.isEmpty()) {
            LOG.info(() -> "Module " + moduleName + " declares no events yet: nothing to relay to " + topic);
            return;
        }
        EventRelay relay = new EventRelay(topic, types, dataSource, store(), wire, broker, settings, metrics);
        if (relays.putIfAbsent(topic, relay) == null && relaying) {
            startThread("relay-" + topic, relay);
        }
    }

    /** Events were committed: the relays of their types look now. */
    void wakeUp(@Observes AppendsCommitted committed) {
        relays.forEach((topic, relay) -> {
            if (relay.committed(committed.eventTypes())) {
                metrics.relayWokenByCommit(topic);
            }
        });
    }

    /** Redrives a parked dead letter in the background. */
    void redrive(String consumerName, UUID id, String envelopeJson, String actor) {
        ConsumingModule consumer = consumerNamed(consumerName);
        executor.execute(() -> redriveNow(consumer, id, envelopeJson, actor));
    }

    /**
     * Redrives dead letters one after the other in one background task, reading each ({@code read}) as it comes
     * to it: a retry of thousands holds neither the request that asked for it nor a thread of the server's
     * executor per dead letter. One that is no longer there, or no longer parked, is passed over.
     *
     * @throws IllegalStateException when a consumer of theirs does not run in this server (nothing is started)
     */
    void redriveInTurn(List<DeadLetterQueries.Match> matches,
                       Function<UUID, Optional<DeadLetterQueries.Detail>> read, String actor) {
        Map<String, ConsumingModule> byName = new HashMap<>();
        matches.forEach(match -> byName.computeIfAbsent(match.consumer(), this::consumerNamed));
        executor.execute(() -> {
            int seen = 0;
            int redriven = 0;
            for (DeadLetterQueries.Match match : matches) {
                Optional<DeadLetterQueries.Detail> parked = read.apply(match.id());
                if (parked.isPresent()) {
                    redriveNow(byName.get(match.consumer()), match.id(), parked.get().envelope(), actor);
                    redriven++;
                }
                if (++seen % REDRIVE_PROGRESS_EVERY == 0) {
                    int sofar = seen;
                    LOG.info(() -> "Redriving dead letters for " + actor + ": " + sofar + " of " + matches.size());
                }
            }
            int done = redriven;
            LOG.info(() -> "Redrove " + done + " of " + matches.size() + " dead letters for " + actor);
        });
    }

    private void redriveNow(ConsumingModule consumer, UUID id, String envelopeJson, String actor) {
        try {
            deliverer.redrive(consumer, id, Delivery.of(consumer.name(), envelopeJson, wire), actor);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Redriving dead letter " + id + " failed", e);
        }
    }

    /** Discards a dead letter now, and releases what waited behind it in the background. */
    void discard(String consumerName, String streamId, UUID id, String actor, String reason) {
        ConsumingModule consumer = consumerNamed(consumerName);
        Transactions.begin(transaction);
        boolean discarded;
        try (Connection db = dataSource.getConnection()) {
            DeadLetterTable.lockStream(db, consumerName, streamId);
            discarded = DeadLetterTable.close(db, id, "DISCARDED");
            if (discarded) {
                DeadLetterTable.recordAction(db, id, "DISCARDED", actor, reason);
            }
        } catch (SQLException e) {
            Transactions.rollback(transaction);
            throw new BookkeepingFailure("Cannot discard dead letter " + id, e);
        }
        Transactions.commit(transaction);
        if (!discarded) {
            throw new IllegalStateException("Dead letter " + id + " is resolved or discarded already");
        }
        executor.execute(() -> deliverer.releaseWaiting(consumer, streamId, actor));
    }

    private ConsumingModule consumerNamed(String name) {
        ConsumingModule consumer = consumers.get(name);
        if (consumer == null) {
            throw new IllegalStateException("Consumer " + name + " does not run in this server");
        }
        return consumer;
    }

    /** Starts a long-running loop on a server-managed thread. */
    public void startThread(String name, Runnable loop) {
        Thread thread = threads.newThread(loop);
        thread.setName("meridian-" + name);
        started.add(thread);
        thread.start();
    }

    /** The server's managed executor, for work a loop hands off. */
    public ExecutorService executor() {
        return executor;
    }

    public DeliverySettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public UserTransaction transaction() {
        return transaction;
    }

    public PostgresEventStore store() {
        return eventStore.store();
    }

    public EventTypeRegistry registry() {
        return eventStore.registry();
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    /**
     * Whether a connection to the broker opens now, as the relays' and consumers' do: for readiness. Not through
     * the server's pooled connection factory, which hands out pooled connections and reconnects without end, and
     * so kept answering while a remote broker was down (the broker fault test found readiness up a minute into an
     * outage).
     */
    public boolean brokerAnswers() {
        try (jakarta.jms.Connection connection = readinessBroker().connect()) {
            return connection != null;
        } catch (JMSException | RuntimeException e) {
            LOG.warning(() -> "The broker does not answer: " + e);
            return false;
        }
    }

    private synchronized BrokerAccess readinessBroker() {
        if (readinessBroker == null) {
            readinessBroker = broker.withOwnFactory();
        }
        return readinessBroker;
    }

    /** The modules that consume delivered events in this server. */
    public Set<String> consumerNames() {
        return Set.copyOf(consumers.keySet());
    }
}
