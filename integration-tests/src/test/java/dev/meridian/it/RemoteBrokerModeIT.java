package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server in remote broker mode ({@code meridian-remote-broker.xml}) has no Artemis of its own and works
 * against a broker in another process, with the credentials it was configured with.
 */
@ExtendWith(ArquillianExtension.class)
class RemoteBrokerModeIT {

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void isReadyThroughTheStandaloneBrokerWithTheConfiguredAccount() throws Exception {
        HttpResponse<String> ready = TestServer.get(TestServer.management("/health/ready"));

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonObject broker = TestServer.healthCheck(TestServer.json(ready), "broker");
        assertThat(broker.getString("status")).isEqualTo("UP");
        assertThat(broker.getJsonObject("data").keySet()).contains("auth.topic", "user.topic", "notification.topic",
                "analytics.topic");
        assertThat(StandaloneBrokerSession.broker().getSessions())
                .as("sessions the server opened on the standalone broker")
                .anySatisfy(session -> assertThat(session.getUsername())
                        .isEqualTo(System.getProperty("meridian.broker.user")));
    }
}
