package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.module.ServerResources;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The broker as the relay and the consumers use it: plain (not pooled, not XA) connections with delivery's own
 * account, because both run their own loops and acknowledge only after the database committed.
 *
 * <p>The factory ({@link ServerResources#connectionFactoryName()}, WildFly's {@code java:/ConnectionFactory}) is the
 * embedded broker's in-VM factory, or in remote mode a factory for the external broker with the same name (see
 * {@code remote-broker.cli}).
 *
 * <p>Each relay, consumer session and the readiness check connects through a factory of its own
 * ({@link #withOwnFactory()}). Artemis' factory opens one connection at a time, and an attempt on a broker that
 * cannot be reached lasts until the attempt's retry interval, or, behind anything that accepts the connection for
 * it (a proxy, a load balancer), until the call timeout: sharing one factory, a dozen of them queued for minutes,
 * and readiness behind them.
 */
final class BrokerAccess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BrokerAccess.class.getName());

    private final DeliverySettings settings;
    // null: the server's factory, looked up for each connection
    private final ConnectionFactory own;

    BrokerAccess(DeliverySettings settings) {
        this(settings, null);
    }

    private BrokerAccess(DeliverySettings settings, ConnectionFactory own) {
        this.settings = settings;
        this.own = own;
    }

    /**
     * Access through a copy of the server's factory: the same configuration, connecting on its own. A JMS
     * administered object is serializable, so the copy is the factory written out and read back, as a client's JNDI
     * lookup would get it; {@link #close()} closes it.
     */
    BrokerAccess withOwnFactory() {
        ConnectionFactory shared = factory();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(written)) {
            out.writeObject(shared);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot copy the broker's connection factory", e);
        }
        try (ObjectInputStream in = new FactoryInput(written.toByteArray(), shared.getClass().getClassLoader())) {
            return new BrokerAccess(settings, (ConnectionFactory) in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot copy the broker's connection factory", e);
        }
    }

    /** A new, started connection. */
    Connection connect() throws JMSException {
        Connection connection = (own == null ? factory() : own)
                .createConnection(settings.brokerUser(), settings.brokerPassword());
        connection.start();
        return connection;
    }

    /** Closes this access's own factory, if it has one; the connections it made are closed already. */
    @Override
    public void close() {
        if (own instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "Closing a copy of the broker's connection factory failed", e);
            }
        }
    }

    /** A module topic, as the server configuration (or a deployment's jms descriptor) binds it. */
    static Topic topic(String name) {
        return (Topic) lookup(ServerResources.topicName(name));
    }

    private static ConnectionFactory factory() {
        return (ConnectionFactory) lookup(ServerResources.connectionFactoryName());
    }

    private static Object lookup(String name) {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(name + " is not bound; check the server configuration", e);
        }
    }

    /** Reads the factory's classes from the class loader of the messaging subsystem that made it. */
    private static final class FactoryInput extends ObjectInputStream {

        private final ClassLoader loader;

        FactoryInput(byte[] bytes, ClassLoader loader) throws IOException {
            super(new ByteArrayInputStream(bytes));
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException notThere) {
                return super.resolveClass(description);
            }
        }
    }
}
