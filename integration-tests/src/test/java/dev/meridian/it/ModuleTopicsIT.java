package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An outside subscriber, as the README tells one to subscribe: the configured subscriber account, the module topics
 * at the addresses API.md names, over the core protocol through the HTTP port (durably) and over AMQP 1.0. It
 * receives what the modules really publish, in the documented wire format, and may not send.
 */
@ExtendWith(ArquillianExtension.class)
class ModuleTopicsIT {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    /** Each module topic, and an event of its module that registering a person and exporting their data publish. */
    private static final Map<String, String> TOPICS = Map.of(
            "meridian.auth.events", "auth.UserRegistered",
            "meridian.user.events", "user.UserProfileCreated",
            "meridian.notification.events", "notification.NotificationSent",
            "meridian.analytics.events", "analytics.AnalyticsDataExported");
    private static final long RECEIVE_TIMEOUT_MILLIS = 30_000;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void anOutsideSubscriberReceivesWhatEveryModulePublishesInTheDocumentedFormatButCannotSend() throws Exception {
        String user = TestServer.property("meridian.subscriber.user");
        String password = TestServer.property("meridian.subscriber.password");
        String subscription = "outside-" + UUID.randomUUID();
        try (ActiveMQConnectionFactory core = new ActiveMQConnectionFactory("tcp://localhost:"
                + TestServer.property("meridian.test.http.port")
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor");
             JMSContext coreClient = core.createContext(user, password);
             JMSContext amqpClient = new JmsConnectionFactory("amqp://localhost:"
                     + TestServer.property("meridian.test.amqp.port")).createContext(user, password)) {
            Map<String, List<JMSConsumer>> consumers = new LinkedHashMap<>();
            for (String topic : TOPICS.keySet()) {
                consumers.put(topic, List.of(
                        coreClient.createSharedDurableConsumer(coreClient.createTopic(topic), subscription + topic),
                        amqpClient.createConsumer(amqpClient.createTopic(topic))));
            }

            String email = "outside-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
            String userId = TestServer.register(email, "a long passphrase", "Outside Eyes");
            String bearer = "Bearer " + TestServer.json(TestServer.signIn(email, "a long passphrase"))
                    .getString("accessToken");
            HttpResponse<String> export = TestServer.send(HttpRequest.newBuilder(
                    TestServer.http("/api/users/me/data-exports")).header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(export.statusCode()).as(export.body()).isEqualTo(202);

            for (Map.Entry<String, List<JMSConsumer>> topic : consumers.entrySet()) {
                for (JMSConsumer consumer : topic.getValue()) {
                    Message message = firstOf(consumer, TOPICS.get(topic.getKey()), userId);
                    assertThat(message).as(TOPICS.get(topic.getKey()) + " on " + topic.getKey()).isNotNull();
                    assertDocumentedFormat(message);
                }
            }
            for (String topic : TOPICS.keySet()) {
                assertThatThrownBy(() -> coreClient.createProducer().send(coreClient.createTopic(topic), "forged"))
                        .as("sending to " + topic).isInstanceOf(JMSRuntimeException.class);
                assertThatThrownBy(() -> coreClient.createProducer().send(
                        coreClient.createTopic("jms.topic." + topic), "forged"))
                        .as("sending where the modules receive " + topic).isInstanceOf(JMSRuntimeException.class);
            }
            for (List<JMSConsumer> each : consumers.values()) {
                each.forEach(JMSConsumer::close);
            }
            for (String topic : TOPICS.keySet()) {
                coreClient.unsubscribe(subscription + topic);
            }
        }
    }

    /** The first message of {@code eventType} about the person {@code userId}, skipping others' events. */
    private static Message firstOf(JMSConsumer consumer, String eventType, String userId) throws Exception {
        List<String> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + RECEIVE_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Message message = consumer.receive(Math.max(1, deadline - System.currentTimeMillis()));
            if (message == null) {
                continue;
            }
            seen.add(message.getStringProperty("eventType"));
            if (eventType.equals(message.getStringProperty("eventType"))
                    && message.getBody(String.class).contains(userId)) {
                return message;
            }
        }
        throw new AssertionError("no " + eventType + " about " + userId + " within " + RECEIVE_TIMEOUT_MILLIS
                + " ms; received " + seen);
    }

    private static void assertDocumentedFormat(Message message) throws Exception {
        JsonObject envelope = TestServer.json(message.getBody(String.class));
        assertThat(envelope.getString("type")).isEqualTo(message.getStringProperty("eventType"));
        assertThat(envelope.getInt("version")).isEqualTo(message.getIntProperty("eventVersion"));
        assertThat(envelope.getString("streamId")).isEqualTo(message.getStringProperty("streamId"))
                .isEqualTo(message.getStringProperty("JMSXGroupID"));
        // an event a module appends while handling another has no correlation id yet (issue 23)
        assertThat(envelope.getString("correlationId", null)).isEqualTo(message.getStringProperty("correlationId"));
        assertThat(envelope.getString("eventId")).isNotBlank();
        assertThat(envelope.getJsonNumber("streamVersion").longValue()).isPositive();
        assertThat(envelope.getJsonNumber("globalPosition").longValue()).isPositive();
        assertThat(envelope.getString("occurredAt")).endsWith("Z");
        assertThat(envelope.containsKey("payload")).isTrue();
    }
}
