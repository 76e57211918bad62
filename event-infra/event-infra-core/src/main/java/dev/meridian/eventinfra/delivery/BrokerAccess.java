package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.health.BrokerReadiness;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The broker as the relay and the consumers use it: plain (not pooled, not XA) connections with delivery's own
 * account, because both run their own loops and acknowledge only after the database committed.
 *
 * <p>{@code java:/ConnectionFactory} is the embedded broker's in-VM factory, or in remote mode a factory for the
 * external broker with the same name (see {@code remote-broker.cli}).
 */
final class BrokerAccess {

    static final String CONNECTION_FACTORY = "java:/ConnectionFactory";

    private final DeliverySettings settings;

    BrokerAccess(DeliverySettings settings) {
        this.settings = settings;
    }

    /** A new, started connection. */
    Connection connect() throws JMSException {
        Connection connection = factory().createConnection(settings.brokerUser(), settings.brokerPassword());
        connection.start();
        return connection;
    }

    /** A module topic, as the server configuration (or a deployment's jms descriptor) binds it. */
    static Topic topic(String name) {
        return (Topic) lookup(BrokerReadiness.TOPIC_JNDI_PREFIX + name);
    }

    private static ConnectionFactory factory() {
        return (ConnectionFactory) lookup(CONNECTION_FACTORY);
    }

    private static Object lookup(String name) {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(name + " is not bound; check the server configuration", e);
        }
    }
}
