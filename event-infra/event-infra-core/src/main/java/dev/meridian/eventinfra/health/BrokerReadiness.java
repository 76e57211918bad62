package dev.meridian.eventinfra.health;

import dev.meridian.eventinfra.module.ModuleStartup;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while a connection to the broker opens and every publishing module's topic is bound. With the embedded
 * broker this is the server's own Artemis; in remote mode the connection reaches the external broker.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    /** Where a publishing module's topic is bound; the server configuration binds every module topic there. */
    public static final String TOPIC_JNDI_PREFIX = "java:/jms/topic/";

    private static final Logger LOG = Logger.getLogger(BrokerReadiness.class.getName());

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Inject
    ModuleStartup modules;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("broker");
        try (JMSContext context = connectionFactory.createContext()) {
            context.getMetaData();
        } catch (JMSRuntimeException e) {
            LOG.log(Level.WARNING, "The broker is not ready", e);
            return response.withData("error", "the broker does not answer; the server log has the cause").down()
                    .build();
        }
        boolean allTopicsBound = true;
        for (ModuleStartup.StartedModule module : modules.startedModules()) {
            if (module.descriptor().topic().isPresent()) {
                String topic = module.descriptor().topic().get();
                boolean bound = isBound(TOPIC_JNDI_PREFIX + topic);
                response.withData(module.descriptor().name() + ".topic", topic + (bound ? "" : " (not bound)"));
                allTopicsBound &= bound;
            }
        }
        return response.status(allTopicsBound).build();
    }

    private static boolean isBound(String jndiName) {
        try {
            new InitialContext().lookup(jndiName);
            return true;
        } catch (NamingException e) {
            return false;
        }
    }
}
