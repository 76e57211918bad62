package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.store.PostgresEventStore;
import dev.meridian.eventinfra.store.PostgresEventStore.ReadEnd;
import dev.meridian.eventinfra.store.PostgresEventStore.StoredBatch;
import dev.meridian.eventinfra.store.StoredEvent;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Puts one module's stored events on its topic, in global order, from a checkpoint.
 *
 * <p>The store is the outbox: the relay reads committed events gap-safely after its checkpoint, sends them in one
 * broker transaction and then moves the checkpoint. It is woken right after a transaction that appended events
 * commits (the low-latency path) and otherwise looks every poll interval (the catch-up path, which also covers a
 * crash between a commit and its wake-up, and events appended by other servers).
 *
 * <p>A crash after the broker commit and before the checkpoint moved leaves a batch the broker already holds. Each
 * message carries the event id as its duplicate-detection id, but Artemis rejects a whole transaction that holds a
 * duplicate, so events that may overlap what the broker has are sent without a transaction instead, one durable
 * message at a time: the broker drops the copies and takes the rest, in order. Those are the first relay batch's
 * worth of events after a start, a failure or taking over from another server (no relay ever had more than one
 * batch on the broker and not yet behind its checkpoint); consumers' inboxes would skip a copy anyway. Each such
 * send waits for the broker's journal to reach the disk, tens of milliseconds on a busy machine, so they go in
 * short batches of {@link #OVERLAP_BATCH_SIZE}: a whole relay batch sent that way kept the transaction idle past
 * the lock's limit, PostgreSQL ended it, and the relay started over from the same checkpoint, again and again, for
 * as long as a minute after a broker restart. Should this server's batch size be smaller than the one of the server
 * it takes over from, a transaction holding a copy is refused, the batch fails and the relay goes back to single
 * sends: slower, never wrong.
 *
 * <p>Only one server relays a topic at a time: each batch locks the topic's checkpoint row
 * ({@code for update skip locked}), and a server that finds it locked stands by. The lock ends with the batch's
 * transaction, so when the active server dies another one carries on from the same checkpoint.
 */
final class EventRelay extends StoreFollower {

    private static final Logger LOG = Logger.getLogger(EventRelay.class.getName());
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);
    private static final int OVERLAP_BATCH_SIZE = 50;

    private static final String CREATE_CHECKPOINT = """
            insert into event_infra.relay_checkpoints (topic) values (?) on conflict (topic) do nothing
            """;
    private static final String LOCK_CHECKPOINT = """
            select position from event_infra.relay_checkpoints where topic = ? for update skip locked
            """;
    private static final String MOVE_CHECKPOINT = """
            update event_infra.relay_checkpoints
               set position = ?, relayed_total = relayed_total + ?, relayed_by = ?, updated_at = now()
             where topic = ?
            """;

    private final String topicName;
    private final EventQuery ownEvents;
    private final DataSource dataSource;
    private final PostgresEventStore store;
    private final WireFormat wire;
    private final BrokerAccess broker;
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;
    private final CheckpointRow<Long> checkpointRow = new CheckpointRow<>(this::lockedPosition, this::createCheckpoint);

    // how many of the next events the broker may already hold (see the class comment)
    private int eventsThatMayOverlap;
    private jakarta.jms.Connection brokerConnection;
    private Session session;
    private MessageProducer producer;

    EventRelay(String topicName, Set<String> eventTypes, DataSource dataSource, PostgresEventStore store,
               WireFormat wire, BrokerAccess broker, DeliverySettings settings, DeliveryMetrics metrics) {
        super(eventTypes, settings.relayBatchSize(), settings.pollInterval(), RECONNECT_DELAY);
        this.topicName = topicName;
        this.ownEvents = new EventQuery(eventTypes, Optional.empty(), Optional.empty());
        this.dataSource = dataSource;
        this.store = store;
        this.wire = wire;
        this.broker = broker.withOwnFactory();
        this.settings = settings;
        this.metrics = metrics;
        this.eventsThatMayOverlap = settings.relayBatchSize();
    }

    String topic() {
        return topicName;
    }

    @Override
    protected void starting() {
        LOG.info(() -> "Relaying " + ownEvents.types().size() + " event types to " + topicName);
    }

    @Override
    protected void failed(Exception failure) {
        LOG.log(Level.WARNING, "Relaying to " + topicName + " failed; retrying in " + RECONNECT_DELAY, failure);
        metrics.relayFailed(topicName);
        eventsThatMayOverlap = settings.relayBatchSize();
        disconnect();
    }

    @Override
    protected void ended() {
        disconnect();
        broker.close();
    }

    /** Relays one batch; returns how many events it sent. */
    @Override
    protected int runBatch() throws SQLException, JMSException {
        // before the transaction: a broker that cannot be reached holds neither a connection nor the lock
        connectIfNeeded();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                // the broker send happens inside this transaction, so it must fit in the limit too
                RoundTransactions.begin(db, settings.lockIdleLimit());
                Long checkpoint = checkpointRow.lock(db);
                if (checkpoint == null) {
                    // another server relays this topic now; should it die, its last batch may be on the broker
                    eventsThatMayOverlap = settings.relayBatchSize();
                    db.rollback();
                    return 0;
                }
                store.settledUpTo(checkpoint);
                int batchSize = eventsThatMayOverlap > 0 ? OVERLAP_BATCH_SIZE : settings.relayBatchSize();
                StoredBatch batch = followed(store.readAllStored(db, ownEvents, checkpoint, batchSize));
                if (batch.nextAfterPosition() == checkpoint) {
                    db.rollback();
                    return 0;
                }
                send(batch);
                moveCheckpoint(db, batch);
                db.commit();
                for (StoredEvent event : batch.events()) {
                    metrics.published(topicName, event.type());
                }
                return batch.events().size();
            } catch (SQLException | JMSException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private Long lockedPosition(Connection db) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(LOCK_CHECKPOINT)) {
            lock.setString(1, topicName);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    private int createCheckpoint(Connection db) throws SQLException {
        try (PreparedStatement create = db.prepareStatement(CREATE_CHECKPOINT)) {
            create.setString(1, topicName);
            return create.executeUpdate();
        }
    }

    private void send(StoredBatch batch) throws JMSException {
        if (batch.events().isEmpty()) {
            return;
        }
        if (eventsThatMayOverlap > 0) {
            try (Session oneByOne = brokerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                 MessageProducer durableSends = oneByOne.createProducer(BrokerAccess.topic(topicName))) {
                send(batch, oneByOne, durableSends);
            }
            // caught up: whatever another relayer sent was committed, so it was among what was just read
            eventsThatMayOverlap = batch.end() == ReadEnd.CAUGHT_UP
                    ? 0 : Math.max(0, eventsThatMayOverlap - batch.events().size());
        } else {
            send(batch, session, producer);
            session.commit();
        }
    }

    private void send(StoredBatch batch, Session on, MessageProducer with) throws JMSException {
        for (StoredEvent event : batch.events()) {
            WireFormat.Header header = wire.headerOf(event);
            TextMessage message = on.createTextMessage(wire.toJson(header, event.payload()));
            message.setStringProperty(WireFormat.EVENT_TYPE, event.type());
            message.setIntProperty(WireFormat.EVENT_VERSION, event.version());
            message.setStringProperty(WireFormat.STREAM_ID, event.streamId());
            if (header.correlationId() != null) {
                message.setStringProperty(WireFormat.CORRELATION_ID, header.correlationId());
            }
            // one group per stream: a consumer's sessions see one stream's events in order
            message.setStringProperty("JMSXGroupID", event.streamId());
            message.setStringProperty(WireFormat.DUPLICATE_DETECTION_ID, header.eventId());
            with.send(message);
        }
    }

    private void moveCheckpoint(Connection db, StoredBatch batch) throws SQLException {
        try (PreparedStatement move = db.prepareStatement(MOVE_CHECKPOINT)) {
            move.setLong(1, batch.nextAfterPosition());
            move.setLong(2, batch.events().size());
            move.setString(3, settings.nodeId());
            move.setString(4, topicName);
            move.executeUpdate();
        }
    }

    private void connectIfNeeded() throws JMSException {
        if (session == null) {
            Topic topic = BrokerAccess.topic(topicName);
            brokerConnection = broker.connect();
            session = brokerConnection.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(topic);
        }
    }

    private void disconnect() {
        if (brokerConnection != null) {
            try {
                brokerConnection.close();
            } catch (JMSException e) {
                LOG.log(Level.FINE, "Closing a broken broker connection failed", e);
            }
        }
        brokerConnection = null;
        session = null;
        producer = null;
    }
}
