package dev.meridian.it;

import java.util.Set;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * For the remote-broker run only (failsafe sets {@code meridian.test.broker.port}): an Artemis broker outside the
 * server, with authentication on, for the server in remote broker mode to connect to. It runs in the test JVM,
 * which is a separate process from the server, exactly as a broker on another host would be.
 */
public class StandaloneBrokerSession implements LauncherSessionListener {

    static final String PORT_PROPERTY = "meridian.test.broker.port";
    private static final String ROLE = "meridian";

    private static volatile EmbeddedActiveMQ broker;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            return;
        }
        try {
            Configuration configuration = new ConfigurationImpl()
                    .setPersistenceEnabled(false)
                    .setSecurityEnabled(true)
                    .addAcceptorConfiguration("core", "tcp://localhost:" + port);
            configuration.putSecurityRoles("#", Set.of(
                    new Role(ROLE, true, true, true, true, true, true, true, true, true, true, true, true)));
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(System.getProperty("meridian.broker.user"), System.getProperty("meridian.broker.password"));
            users.addRole(System.getProperty("meridian.broker.user"), ROLE);
            broker = new EmbeddedActiveMQ()
                    .setConfiguration(configuration)
                    .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users))
                    .start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the standalone Artemis broker on port " + port, e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The broker of this run. */
    static ActiveMQServer broker() {
        if (broker == null) {
            throw new IllegalStateException("No standalone broker: " + PORT_PROPERTY + " is not set");
        }
        return broker.getActiveMQServer();
    }
}
