package dev.meridian.it;

import dev.meridian.it.delivery.ConfidencesResource;
import dev.meridian.it.delivery.FixedRate;
import dev.meridian.it.delivery.LoadResource;
import dev.meridian.it.delivery.NotesProjection;
import dev.meridian.it.delivery.ProbeAppender;
import dev.meridian.it.delivery.ProbeApplicationPath;
import dev.meridian.it.delivery.ProbeConsumer;
import dev.meridian.it.delivery.ProbeProblems;
import dev.meridian.it.delivery.PublisherResource;
import dev.meridian.launcher.BrokerAccounts;
import dev.meridian.launcher.LaunchSettings.BrokerMode;
import dev.meridian.launcher.WildFlyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The delivery probes (a publishing module and consuming modules that record every event they are given) and a
 * server process that runs them. {@link DeliveryIT} deploys them through Arquillian; {@link DeliveryCrashIT} and
 * the delivery benchmark start the server themselves, which is why this is public. The settings come from the
 * same system properties as the tests' (see integration-tests/pom.xml).
 */
public final class DeliveryProbes {

    /** The topic the probe module publishes on. */
    static final String PROBE_TOPIC = "meridian.probe.events";
    private static final int WILDFLY_HTTP_PORT = 8080;
    private static final int WILDFLY_MANAGEMENT_PORT = 9990;
    /** Meridian's internal listener; fixed in the server configuration, so moved here rather than by the offset. */
    private static final int WILDFLY_INTERNAL_PORT = 8090;
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private DeliveryProbes() {
    }

    /**
     * {@code ear} with the probe module (publisher, {@code POST /delivery-probe/publish?stream=&note=}) and one
     * consuming module per schema, each with a {@link ProbeConsumer} and a {@link NotesProjection} in that schema.
     * The probe topic is declared in the EAR, on the server's embedded broker.
     */
    public static EnterpriseArchive withDeliveryProbes(EnterpriseArchive ear, List<String> consumerSchemas) {
        return withDeliveryProbes(ear, consumerSchemas, true);
    }

    /**
     * As {@link #withDeliveryProbes(EnterpriseArchive, List)}; without {@code declaresProbeTopic} the server must
     * bind the probe topic itself, as a server in remote broker mode binds the module topics.
     */
    static EnterpriseArchive withDeliveryProbes(EnterpriseArchive ear, List<String> consumerSchemas,
                                                boolean declaresProbeTopic) {
        TestServer.withProbeEvents(ear);
        for (String schema : consumerSchemas) {
            WebArchive consumer = probeWar("consumer-" + schema + ".war", "meridian.module.name="
                    + schema.replace("_", "") + "\nmeridian.module.version=1\nmeridian.module.schema=" + schema + "\n")
                    .addClasses(ProbeConsumer.class, NotesProjection.class)
                    .addAsResource(DeliveryProbes.class.getResource("/delivery-probe/V1__probe.sql"),
                            "db/migration/" + schema + "/V1__probe.sql");
            if (declaresProbeTopic && schema.equals(consumerSchemas.get(0))) {
                // the probe topic must be bound before the first consumer subscribes
                consumer.addAsWebInfResource(DeliveryProbes.class.getResource("/delivery-probe/probe-jms.xml"),
                        "probe-jms.xml");
            }
            TestServer.withWebModule(ear, consumer, "/" + schema);
        }
        return TestServer.withWebModule(ear, probeWar("delivery-probe.war", "meridian.module.name=probe\n"
                + "meridian.module.version=1\nmeridian.module.topic=" + PROBE_TOPIC + "\n")
                .addClasses(PublisherResource.class, ProbeAppender.class, LoadResource.class, FixedRate.class,
                        ConfidencesResource.class, ProbeProblems.class), "/delivery-probe");
    }

    private static WebArchive probeWar(String name, String config) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClass(ProbeApplicationPath.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <listener>
                                <listener-class>dev.meridian.eventinfra.module.ModuleStartupListener</listener-class>
                            </listener>
                        </web-app>
                        """));
    }

    /** The shipped EAR with the probes for {@code consumerSchemas}, written to {@code file}. */
    public static Path exportedWithDeliveryProbes(Path file, List<String> consumerSchemas) throws IOException {
        return exported(withDeliveryProbes(TestServer.meridianEar(), consumerSchemas), file);
    }

    /** The shipped EAR, as the tests deploy it, written to {@code file}. */
    public static Path exportedMeridian(Path file) throws IOException {
        return exported(TestServer.meridianEar(), file);
    }

    /** The shipped EAR with {@code war} as one more web module at {@code contextRoot}, written to {@code file}. */
    public static Path exportedMeridianWith(Path file, WebArchive war, String contextRoot) throws IOException {
        return exported(TestServer.withWebModule(TestServer.meridianEar(), war, contextRoot), file);
    }

    static Path exported(EnterpriseArchive ear, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ear.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /**
     * Starts the provisioned server (embedded broker) with {@code ear}, configured as Arquillian configures the
     * tests' server, and waits until it is ready. Its console output is appended to {@code console}.
     */
    public static WildFlyServer startServer(Path ear, Path baseDirectory, Path console) throws Exception {
        return startServer(ear, baseDirectory, console,
                Integer.parseInt(TestServer.property("meridian.test.port.offset")), BrokerMode.EMBEDDED, Map.of());
    }

    /**
     * Starts the provisioned server with {@code ear} in {@code configuration}, its ports moved by {@code portOffset}
     * and the tests' database, and waits until it is ready.
     *
     * @param properties system properties on top of those the tests' server has; one with an empty value is not
     *                   set at all
     */
    public static WildFlyServer startServer(Path ear, Path baseDirectory, Path console, int portOffset,
                                     BrokerMode brokerMode, Map<String, String> properties) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("jboss.socket.binding.port-offset", String.valueOf(portOffset));
        all.put("meridian.db.url", "jdbc:postgresql://localhost:" + TestServer.property("meridian.test.db.port")
                + "/meridian");
        all.put("meridian.db.user", "postgres");
        all.put("meridian.db.password", "postgres");
        all.put("meridian.internal.port", String.valueOf(WILDFLY_INTERNAL_PORT + portOffset));
        all.put("meridian.lra.coordinator.url", "http://127.0.0.1:" + (WILDFLY_INTERNAL_PORT + portOffset)
                + "/lra-coordinator/lra-coordinator");
        all.put("meridian.jwt.public-key-location", "file:" + TestServer.property("meridian.test.jwt.public-key"));
        all.put("meridian.jwt.private-key-location", "file:" + TestServer.property("meridian.test.jwt.private-key"));
        all.put("meridian.kek-file", TestServer.property("meridian.test.kek-file"));
        all.put("meridian.delivery.retry.delays", "PT0.1S");
        all.putAll(properties);
        // an empty value leaves the property unset, so that the server's default applies
        all.values().removeIf(String::isEmpty);
        WildFlyServer server = WildFlyServer.start(Path.of(TestServer.property("meridian.server.home")), ear,
                baseDirectory, brokerMode, all, brokerAccounts(brokerMode, baseDirectory.getParent()),
                ProcessBuilder.Redirect.appendTo(console.toFile()));
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!ready(portOffset)) {
            if (!server.isRunning()) {
                throw new IllegalStateException("The server ended while starting; see " + console);
            }
            if (System.nanoTime() > deadline) {
                server.stop();
                throw new IllegalStateException("The server was not ready within " + STARTUP + "; see " + console);
            }
            Thread.sleep(500);
        }
        return server;
    }

    /**
     * Starts a server in remote broker mode, in {@code base}, connected to the broker on {@code brokerPort} with the
     * tests' broker account, and waits until it is ready. Its configuration directory is its own copy, with the probe
     * topic bound as the shipped configuration binds the module topics: a deployment cannot declare a topic on a
     * broker the server does not run. {@code ear} must be exported without the probe topic's declaration.
     */
    static WildFlyServer startRemoteBrokerServer(Path ear, Path base, String node, int portOffset, int brokerPort)
            throws Exception {
        return startRemoteBrokerServer(ear, base, node, portOffset, Map.of("meridian.broker.port",
                String.valueOf(brokerPort)));
    }

    /**
     * Starts a server as {@link #startRemoteBrokerServer(Path, Path, String, int, int)} does, connected to the
     * primary/backup pair on {@code primaryPort} and {@code backupPort}.
     */
    static WildFlyServer startBrokerPairServer(Path ear, Path base, String node, int portOffset, int primaryPort,
                                               int backupPort) throws Exception {
        return startRemoteBrokerServer(ear, base, node, portOffset, Map.of(
                "meridian.broker.port", String.valueOf(primaryPort),
                "meridian.broker.backup.host", "localhost",
                "meridian.broker.backup.port", String.valueOf(backupPort)));
    }

    private static WildFlyServer startRemoteBrokerServer(Path ear, Path base, String node, int portOffset,
                                                         Map<String, String> brokerAddresses) throws Exception {
        Path configuration = base.resolve("configuration-with-probe-topic");
        WildFlyServer.copyTree(Path.of(TestServer.property("meridian.server.home"), "standalone", "configuration"),
                configuration);
        Path file = configuration.resolve("meridian-remote-broker.xml");
        String moduleTopic = "<external-jms-topic name=\"meridian.auth.events\"";
        String xml = Files.readString(file);
        if (!xml.contains(moduleTopic)) {
            throw new IllegalStateException("The remote broker configuration no longer binds the module topics");
        }
        Files.writeString(file, xml.replace(moduleTopic, "<external-jms-topic name=\"" + PROBE_TOPIC
                + "\" entries=\"java:/jms/topic/" + PROBE_TOPIC + "\"/>" + moduleTopic));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("jboss.server.config.dir", configuration.toString());
        properties.put("meridian.node.id", node);
        properties.put("meridian.broker.host", "localhost");
        properties.putAll(brokerAddresses);
        return startServer(ear, base.resolve("wildfly-base"), base.resolve("server-console.log"), portOffset,
                BrokerMode.REMOTE, properties);
    }

    /**
     * The broker accounts of a server the tests start: on its own broker, a server password made on the first start
     * and kept in {@code dataDirectory}, as the launcher makes it, and the tests' subscriber; on the standalone
     * broker, the account {@link StandaloneBrokerSession} creates there.
     */
    public static BrokerAccounts brokerAccounts(BrokerMode brokerMode, Path dataDirectory) throws IOException {
        if (brokerMode == BrokerMode.EMBEDDED) {
            return BrokerAccounts.from(Map.of(
                    "MERIDIAN_SUBSCRIBER_USER", TestServer.property("meridian.subscriber.user"),
                    "MERIDIAN_SUBSCRIBER_PASSWORD", TestServer.property("meridian.subscriber.password")),
                    dataDirectory, true);
        }
        return BrokerAccounts.from(Map.of(
                "BROKER_USER", TestServer.property("meridian.broker.user"),
                "BROKER_PASSWORD", TestServer.property("meridian.broker.password")), dataDirectory, false);
    }

    /** A path on the HTTP port of a server whose ports are WildFly's defaults moved by {@code portOffset}. */
    public static URI http(int portOffset, String path) {
        return URI.create("http://localhost:" + (WILDFLY_HTTP_PORT + portOffset) + path);
    }

    /**
     * Whether the server is ready. Readiness is asked only once the EAR answers on the HTTP port: the server logs a
     * warning for every "down" readiness report, and a boot would otherwise leave one per poll in its log.
     */
    static boolean ready(int portOffset) throws InterruptedException {
        URI deployed = http(portOffset, "/admin/api/info");
        URI readiness = URI.create("http://localhost:" + (WILDFLY_MANAGEMENT_PORT + portOffset) + "/health/ready");
        try {
            return TestServer.get(deployed).statusCode() == 200 && TestServer.get(readiness).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** Makes the key pair the server verifies tokens with; the tests' launcher session does this for them. */
    public static void createTokenKeys() {
        TestTokens.createKeys();
    }

    /** A bearer token with the admin role. */
    public static String adminToken() {
        return TestTokens.tokenFor("ops@meridian.dev", "admin");
    }
}
