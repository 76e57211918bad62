package dev.meridian.eventinfra.health;

import dev.meridian.eventinfra.delivery.DeliveryRuntime;
import dev.meridian.eventinfra.module.ModuleStartup;
import dev.meridian.eventinfra.module.ServerResources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    DeliveryRuntime delivery;

    @Inject
    ModuleStartup modules;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("broker");
        if (!delivery.brokerAnswers()) {
            return response.withData("error", "the broker does not answer; the server log has the cause").down()
                    .build();
        }
        boolean allTopicsBound = true;
        for (ModuleStartup.StartedModule module : modules.startedModules()) {
            if (module.descriptor().topic().isPresent()) {
                String topic = module.descriptor().topic().get();
                boolean bound = isBound(ServerResources.topicName(topic));
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
