package dev.meridian.eventinfra.delivery;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One session of a consuming module on one topic: it receives from the module's durable shared subscription and
 * acknowledges messages only after their delivery committed (applied, skipped as a duplicate, parked or set
 * waiting). A crash in between redelivers the message, and the inbox skips it. For the same reason the worker does
 * not wait for the broker to write the acknowledgement down: one that is lost only means a redelivery the inbox
 * skips, and waiting for the broker's disk took about as long as the delivery's own transaction.
 *
 * <p>Several workers share a subscription; the broker's message groups (one per stream) give each stream to one
 * worker at a time, which keeps the consumer's per-stream order. A failure of our own bookkeeping (the database
 * is down) is retried here until it succeeds, without giving the message back: the broker would otherwise count
 * the returns and move the message to its own dead-letter queue, out of sight.
 */
final class SubscriptionWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(SubscriptionWorker.class.getName());
    private static final long RECEIVE_TIMEOUT_MILLIS = 1_000;
    private static final Duration INFRASTRUCTURE_RETRY = Duration.ofSeconds(2);

    private final ConsumingModule consumer;
    private final String topic;
    private final BrokerAccess broker;
    private final EventDeliverer deliverer;
    private final WireFormat wire;
    private final int batchSize;
    private volatile boolean running = true;

    SubscriptionWorker(ConsumingModule consumer, String topic, BrokerAccess broker, EventDeliverer deliverer,
                       WireFormat wire, int batchSize) {
        this.consumer = consumer;
        this.topic = topic;
        this.broker = broker.withOwnFactory();
        this.deliverer = deliverer;
        this.wire = wire;
        this.batchSize = batchSize;
    }

    /** The durable shared subscription of a consuming module on a topic; queue names are global in Artemis. */
    static String subscriptionName(String consumer, String topic) {
        return topic + "." + consumer;
    }

    /** Creates the consumer's durable shared subscription on the topic, if it does not exist yet. */
    static void subscribe(BrokerAccess broker, String consumer, String topic) {
        try (Connection connection = broker.connect();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createSharedDurableConsumer(BrokerAccess.topic(topic), subscriptionName(consumer, topic)).close();
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot subscribe " + consumer + " to " + topic, e);
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try (broker) {
            consumeWhileRunning();
        }
    }

    private void consumeWhileRunning() {
        while (running) {
            try (Connection connection = broker.connect()) {
                // client acknowledgement is not blocking unless the connection factory says so (it does not)
                Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer messages = session.createSharedDurableConsumer(BrokerAccess.topic(topic),
                        subscriptionName(consumer.name(), topic));
                while (running) {
                    List<Message> batch = receiveBatch(messages);
                    if (batch.isEmpty()) {
                        continue;
                    }
                    if (handle(batch)) {
                        // acknowledges every message this session received so far: the whole batch
                        batch.get(batch.size() - 1).acknowledge();
                    } else {
                        // stopped before the deliveries committed: the broker keeps the messages
                        session.recover();
                    }
                }
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Consumer " + consumer.name() + " lost " + topic + "; reconnecting", e);
                    sleep(INFRASTRUCTURE_RETRY);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits for a message, then takes what else is already there, up to the batch size: one message at a time when
     * the consumer keeps up, whole batches in one transaction when it has a backlog.
     */
    private List<Message> receiveBatch(MessageConsumer messages) throws JMSException {
        Message first = messages.receive(RECEIVE_TIMEOUT_MILLIS);
        if (first == null) {
            return List.of();
        }
        List<Message> batch = new ArrayList<>(List.of(first));
        while (batch.size() < batchSize) {
            Message next = messages.receiveNoWait();
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    /** Delivers the messages this consumer wants, in order; false when stopped before their delivery committed. */
    private boolean handle(List<Message> batch) throws JMSException, InterruptedException {
        List<Delivery> deliveries = new ArrayList<>(batch.size());
        for (Message message : batch) {
            deliveryOf(message).ifPresent(deliveries::add);
        }
        while (running) {
            try {
                deliverer.deliverAll(consumer, deliveries);
                return true;
            } catch (BookkeepingFailure e) {
                LOG.log(Level.WARNING, "Delivering " + deliveries.size() + " events to " + consumer.name()
                        + " failed in event-infra; trying again in " + INFRASTRUCTURE_RETRY, e);
                Thread.sleep(INFRASTRUCTURE_RETRY.toMillis());
            }
        }
        return false;
    }

    /** The message as a delivery to this consumer; empty when the consumer does not want it. */
    private Optional<Delivery> deliveryOf(Message message) throws JMSException {
        String type = message.getStringProperty(WireFormat.EVENT_TYPE);
        if (!consumer.eventTypes().contains(type)) {
            return Optional.empty();
        }
        // only the relay may send to module topics (see the broker's security settings): anything else is a bug
        if (!(message instanceof TextMessage text)) {
            LOG.severe(() -> "Skipping a message on " + topic + " that is no event envelope: " + message);
            return Optional.empty();
        }
        try {
            return Optional.of(Delivery.of(consumer.name(), text.getText(), wire));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, "Skipping a message on " + topic + " that is no event envelope: " + message, e);
            return Optional.empty();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
