package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every module topic of API.md exists on the server's broker and keeps messages for a durable subscription while
 * its subscriber is away. The client is an outside one: the Artemis JMS client over the HTTP port.
 */
@ExtendWith(ArquillianExtension.class)
class ModuleTopicsIT {

    private static final List<String> TOPICS =
            List.of("meridian.auth.events", "meridian.user.events", "meridian.notification.events",
                    "meridian.analytics.events");
    private static final long RECEIVE_TIMEOUT_MILLIS = 10_000;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void aDurableSubscriptionReceivesWhatWasSentWhileItsSubscriberWasAway() throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://localhost:" + TestServer.property("meridian.test.http.port")
                        + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor")) {
            for (String topicName : TOPICS) {
                String subscription = "it-" + UUID.randomUUID();
                String body = "sent to " + topicName + " " + UUID.randomUUID();
                try (JMSContext subscriber = connect(factory)) {
                    subscriber.createSharedDurableConsumer(subscriber.createTopic(topicName), subscription).close();
                }
                try (JMSContext publisher = connect(factory)) {
                    publisher.createProducer().send(publisher.createTopic(topicName), body);
                }
                try (JMSContext subscriber = connect(factory)) {
                    Topic topic = subscriber.createTopic(topicName);
                    JMSConsumer consumer = subscriber.createSharedDurableConsumer(topic, subscription);
                    assertThat(consumer.receiveBody(String.class, RECEIVE_TIMEOUT_MILLIS)).as(topicName).isEqualTo(body);
                    consumer.close();
                    subscriber.unsubscribe(subscription);
                }
            }
        }
    }

    private static JMSContext connect(ConnectionFactory factory) {
        return factory.createContext(TestServer.property("meridian.broker.user"),
                TestServer.property("meridian.broker.password"));
    }
}
