package dev.meridian.it;

import dev.meridian.it.delivery.NotesProjection;
import dev.meridian.it.delivery.ProbeApplicationPath;
import dev.meridian.it.delivery.ProbeConsumer;
import dev.meridian.it.delivery.PublisherResource;
import dev.meridian.launcher.WildFlyServer;
import java.io.IOException;
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

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private DeliveryProbes() {
    }

    /**
     * {@code ear} with the probe module (publisher, {@code POST /delivery-probe/publish?stream=&note=}) and one
     * consuming module per schema, each with a {@link ProbeConsumer} and a {@link NotesProjection} in that schema.
     */
    public static EnterpriseArchive withDeliveryProbes(EnterpriseArchive ear, List<String> consumerSchemas) {
        TestServer.withProbeEvents(ear);
        for (String schema : consumerSchemas) {
            WebArchive consumer = probeWar("consumer-" + schema + ".war", "meridian.module.name="
                    + schema.replace("_", "") + "\nmeridian.module.version=1\nmeridian.module.schema=" + schema + "\n")
                    .addClasses(ProbeConsumer.class, NotesProjection.class)
                    .addAsResource(DeliveryProbes.class.getResource("/delivery-probe/V1__probe.sql"),
                            "db/migration/" + schema + "/V1__probe.sql");
            if (schema.equals(consumerSchemas.get(0))) {
                // the probe topic must be bound before the first consumer subscribes
                consumer.addAsWebInfResource(DeliveryProbes.class.getResource("/delivery-probe/probe-jms.xml"),
                        "probe-jms.xml");
            }
            TestServer.withWebModule(ear, consumer, "/" + schema);
        }
        return TestServer.withWebModule(ear, probeWar("delivery-probe.war", "meridian.module.name=probe\n"
                + "meridian.module.version=1\nmeridian.module.topic=meridian.probe.events\n")
                .addClass(PublisherResource.class), "/delivery-probe");
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
        Files.createDirectories(file.getParent());
        withDeliveryProbes(TestServer.meridianEar(), consumerSchemas).as(ZipExporter.class)
                .exportTo(file.toFile(), true);
        return file;
    }

    /**
     * Starts the provisioned server (embedded broker) with {@code ear}, configured as Arquillian configures the
     * tests' server, and waits until it is ready. Its console output is appended to {@code console}.
     */
    public static WildFlyServer startServer(Path ear, Path baseDirectory, Path console) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("jboss.socket.binding.port-offset", TestServer.property("meridian.test.port.offset"));
        properties.put("meridian.db.url", "jdbc:postgresql://localhost:" + TestServer.property("meridian.test.db.port")
                + "/meridian");
        properties.put("meridian.db.user", "postgres");
        properties.put("meridian.db.password", "postgres");
        properties.put("meridian.lra.coordinator.url", TestServer.http("/lra-coordinator/lra-coordinator").toString());
        properties.put("meridian.jwt.public-key-location",
                "file:" + TestServer.property("meridian.test.jwt.public-key"));
        properties.put("meridian.delivery.retry.delays", "PT0.1S");
        WildFlyServer server = WildFlyServer.start(Path.of(TestServer.property("meridian.server.home")), ear,
                baseDirectory, "meridian.xml", properties, ProcessBuilder.Redirect.appendTo(console.toFile()));
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                server.stop();
                throw new IllegalStateException("The server was not ready within " + STARTUP + "; see " + console);
            }
            Thread.sleep(500);
        }
        return server;
    }

    private static boolean ready() throws InterruptedException {
        try {
            return TestServer.get(TestServer.management("/health/ready")).statusCode() == 200;
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
