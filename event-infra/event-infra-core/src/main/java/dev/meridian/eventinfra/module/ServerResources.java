package dev.meridian.eventinfra.module;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application server's transaction and concurrency resources, for {@code @Inject @ServerResource}, looked up
 * once by the JNDI names configuration gives ({@code meridian.jndi.*}, WildFly's in this jar's
 * microprofile-config.properties), so that no class names a server's JNDI namespace. The datasource comes from
 * {@link MeridianDataSource} the same way; the broker's objects, which delivery looks up for each connection, are
 * named by {@link #connectionFactoryName()} and {@link #topicName(String)}.
 */
@ApplicationScoped
public class ServerResources {

    private UserTransaction userTransaction;
    private TransactionSynchronizationRegistry synchronizations;
    private ManagedThreadFactory threadFactory;
    private ManagedExecutorService executor;

    @PostConstruct
    void lookUp() {
        Config config = ConfigProvider.getConfig(ServerResources.class.getClassLoader());
        userTransaction = lookUp(config, "meridian.jndi.user-transaction", UserTransaction.class);
        synchronizations = lookUp(config, "meridian.jndi.transaction-synchronization-registry",
                TransactionSynchronizationRegistry.class);
        threadFactory = lookUp(config, "meridian.jndi.managed-thread-factory", ManagedThreadFactory.class);
        executor = lookUp(config, "meridian.jndi.managed-executor", ManagedExecutorService.class);
    }

    /** The JNDI name of the broker's connection factory ({@code meridian.jndi.connection-factory}). */
    public static String connectionFactoryName() {
        return setting("meridian.jndi.connection-factory");
    }

    /** The JNDI name the server binds the module topic {@code topic} under ({@code meridian.jndi.topics} + topic). */
    public static String topicName(String topic) {
        return setting("meridian.jndi.topics") + topic;
    }

    private static String setting(String name) {
        return ConfigProvider.getConfig(ServerResources.class.getClassLoader()).getValue(name, String.class);
    }

    /** The object the setting {@code name} names in JNDI, which must be a {@code type}. */
    static <T> T lookUp(Config config, String name, Class<T> type) {
        String jndiName = config.getValue(name, String.class);
        try {
            return type.cast(new InitialContext().lookup(jndiName));
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(name + " names " + jndiName + ", which is no " + type.getSimpleName()
                    + " of this server", e);
        }
    }

    @Produces
    @ServerResource
    UserTransaction userTransaction() {
        return userTransaction;
    }

    @Produces
    @ServerResource
    TransactionSynchronizationRegistry synchronizations() {
        return synchronizations;
    }

    @Produces
    @ServerResource
    ManagedThreadFactory threadFactory() {
        return threadFactory;
    }

    @Produces
    @ServerResource
    ManagedExecutorService executor() {
        return executor;
    }
}
