package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.it.fault.BrokerProcess;
import dev.meridian.it.fault.TcpProxy;
import dev.meridian.launcher.WildFlyServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery through the broker failing under a steady load: a standalone Artemis broker (a process of its own, with
 * a persistent journal) killed with SIGKILL and started again at once, killed and left down for a minute, and the
 * network to it silent for 30 s. The server runs in remote broker mode and reaches the broker through a
 * {@link TcpProxy} the test controls. Commands never need the broker (events are stored first, relayed after), so
 * the API must not notice; readiness must report the broker down while it is; the relays and consumers reconnect by
 * themselves, and every committed event is applied exactly once. Each scenario is a {@link FaultScenario}.
 */
class BrokerFaultIT {

    private static final Duration DOWN = Duration.ofSeconds(60);
    private static final Duration SILENT = Duration.ofSeconds(30);
    /** The steady start, the fault and a steady end. */
    private static final int LOAD_SECONDS = 60;
    private static final int DOWN_LOAD_SECONDS = 95;

    private static final Path FAULT_DIRECTORY = Path.of(TestServer.property("meridian.test.base.dir")).getParent()
            .resolve("broker-fault");
    // the port after the standalone broker of this execution's other tests
    private static final int BROKER_PORT = Integer.parseInt(TestServer.property(StandaloneBrokerSession.PORT_PROPERTY))
            + 1;
    private static BrokerProcess broker;
    private static TcpProxy proxy;
    private static WildFlyServer server;

    @BeforeAll
    static void startBrokerAndServer() throws Exception {
        broker = startBroker();
        proxy = TcpProxy.start(BROKER_PORT + 1, BROKER_PORT);
        Path ear = DeliveryProbes.exported(DeliveryProbes.withDeliveryProbes(TestServer.meridianEar(),
                DeliveryIT.CONSUMER_SCHEMAS, false), FAULT_DIRECTORY.resolve("deployment/meridian.ear"));
        server = DeliveryProbes.startRemoteBrokerServer(ear, FAULT_DIRECTORY, "meridian-1",
                Integer.parseInt(TestServer.property("meridian.test.port.offset")), proxy.port());
    }

    @AfterAll
    static void stopServerAndBroker() throws Exception {
        if (server != null && server.isRunning()) {
            FaultScenario.reportAuditCost("the broker faults");
            server.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.kill();
        }
    }

    @Test
    void aBrokerKilledAndStartedAgainLosesAndDoublesNothing() throws Exception {
        new FaultScenario("standalone broker killed (SIGKILL) and started again", LOAD_SECONDS,
                FaultScenario.Api.UNAFFECTED).run(load -> {
                    broker.kill();
                    broker = startBroker();
                }, BrokerFaultIT::brokerRunning);
    }

    @Test
    void aBrokerDownForAMinuteIsReportedAndCaughtUpWith() throws Exception {
        new FaultScenario("standalone broker killed and down for " + DOWN.toSeconds() + " s", DOWN_LOAD_SECONDS,
                FaultScenario.Api.UNAFFECTED).run(load -> {
                    broker.kill();
                    long killed = System.nanoTime();
                    DeliveryIT.eventually(BrokerFaultIT::brokerReportedDown, "readiness reports the broker down");
                    Thread.sleep(Math.max(0, DOWN.toMillis() - (System.nanoTime() - killed) / 1_000_000));
                    assertThat(brokerReportedDown()).as("still reported down at the end").isTrue();
                    broker = startBroker();
                }, BrokerFaultIT::brokerRunning);
    }

    @Test
    void aSilentNetworkToTheBrokerLosesAndDoublesNothing() throws Exception {
        new FaultScenario("network to the broker silent for " + SILENT.toSeconds() + " s (no reset)",
                LOAD_SECONDS, FaultScenario.Api.UNAFFECTED).run(load -> {
                    proxy.blackhole();
                    long silenced = System.nanoTime();
                    DeliveryIT.eventually(BrokerFaultIT::brokerReportedDown, "readiness reports the broker down");
                    Thread.sleep(Math.max(0, SILENT.toMillis() - (System.nanoTime() - silenced) / 1_000_000));
                    proxy.restore();
                }, proxy::restore);
    }

    private static BrokerProcess startBroker() throws Exception {
        Files.createDirectories(FAULT_DIRECTORY);
        return BrokerProcess.start(BROKER_PORT, FAULT_DIRECTORY.resolve("broker-data"),
                TestServer.property("meridian.broker.user"), TestServer.property("meridian.broker.password"),
                FAULT_DIRECTORY.resolve("broker.log"));
    }

    /** Starts the broker again if the fault left it down. */
    private static void brokerRunning() throws Exception {
        if (!broker.isAlive()) {
            broker = startBroker();
        }
    }

    private static boolean brokerReportedDown() throws Exception {
        HttpResponse<String> readiness = TestServer.HTTP.send(HttpRequest.newBuilder(
                TestServer.management("/health/ready")).timeout(FaultScenario.PATIENCE).build(),
                HttpResponse.BodyHandlers.ofString());
        return readiness.statusCode() == FaultScenario.SERVICE_UNAVAILABLE && "DOWN".equals(TestServer.healthCheck(
                TestServer.json(readiness), "broker").getString("status"));
    }
}
