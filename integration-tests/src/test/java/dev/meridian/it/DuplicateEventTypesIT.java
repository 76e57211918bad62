package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.it.probe.ImpostorEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two modules that declare the same event name and version cannot be deployed together. */
@ExtendWith(ArquillianExtension.class)
class DuplicateEventTypesIT {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    static EnterpriseArchive meridianWithTwoClaimsOnOneEventName() {
        return PublishingBridgeIT.withProbe(TestServer.meridianEar())
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "impostor-api.jar")
                        .addClasses(ImpostorEvents.class, ImpostorEvents.Impostor.class)
                        .addAsServiceProvider(EventCatalog.class, ImpostorEvents.class));
    }

    @Test
    void failsTheDeploymentNamingBothClasses() throws Exception {
        String log = Files.readString(Path.of(TestServer.property("meridian.test.base.dir"), "log", "server.log"));

        assertThat(log).contains("Event type probe.Published version 1 is declared by both")
                .contains("ImpostorEvents$Impostor");
    }
}
