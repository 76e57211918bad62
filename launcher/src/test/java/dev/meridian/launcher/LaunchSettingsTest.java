package dev.meridian.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchSettingsTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void defaultsToAnEmbeddedDatabaseUnderTheUsersHomeOnTheUsualPorts() {
        LaunchSettings settings = LaunchSettings.from(Map.of(), HOME);

        assertThat(settings.dataDirectory()).isEqualTo(HOME.resolve(".meridian"));
        assertThat(settings.portOffset()).isZero();
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.embeddedDbPort()).isEqualTo(15432);
        assertThat(settings.externalDatabase()).isEmpty();
        assertThat(settings.brokerMode()).isEqualTo(LaunchSettings.BrokerMode.EMBEDDED);
        assertThat(settings.internalPort()).isEqualTo(8090);
        assertThat(settings.coordinatorUrl()).isEqualTo("http://127.0.0.1:8090/lra-coordinator/lra-coordinator");
    }

    @Test
    void movesTheInternalListenerWithThePortOffsetAndReachesItWhereItIsBound() {
        LaunchSettings offset = LaunchSettings.from(Map.of("MERIDIAN_PORT_OFFSET", "100"), HOME);
        LaunchSettings privateNetwork = LaunchSettings.from(Map.of("MERIDIAN_INTERNAL_BIND_ADDRESS", "10.0.0.7",
                "MERIDIAN_INTERNAL_PORT", "9191"), HOME);
        LaunchSettings everywhere = LaunchSettings.from(Map.of("MERIDIAN_INTERNAL_BIND_ADDRESS", "0.0.0.0"), HOME);
        LaunchSettings named = LaunchSettings.from(Map.of("MERIDIAN_LRA_COORDINATOR_URL",
                "http://node-a.internal:8090/lra-coordinator/lra-coordinator"), HOME);

        assertThat(offset.internalPort()).isEqualTo(8190);
        assertThat(offset.coordinatorUrl()).isEqualTo("http://127.0.0.1:8190/lra-coordinator/lra-coordinator");
        assertThat(privateNetwork.coordinatorUrl()).isEqualTo("http://10.0.0.7:9191/lra-coordinator/lra-coordinator");
        assertThat(everywhere.coordinatorUrl()).startsWith("http://127.0.0.1:8090/");
        assertThat(named.coordinatorUrl()).isEqualTo("http://node-a.internal:8090/lra-coordinator/lra-coordinator");
    }

    @Test
    void takesEveryValueFromTheEnvironment() {
        LaunchSettings settings = LaunchSettings.from(Map.of(
                "MERIDIAN_DATA_DIR", "/var/lib/meridian",
                "MERIDIAN_PORT_OFFSET", "100",
                "MERIDIAN_EMBEDDED_DB_PORT", "5433",
                "DB_URL", "jdbc:postgresql://db:5432/meridian",
                "MERIDIAN_BROKER_MODE", "Remote"), HOME);

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/var/lib/meridian"));
        assertThat(settings.httpPort()).isEqualTo(8180);
        assertThat(settings.embeddedDbPort()).isEqualTo(5433);
        assertThat(settings.externalDatabase()).contains("jdbc:postgresql://db:5432/meridian");
        assertThat(settings.brokerMode().serverConfiguration()).isEqualTo("meridian-remote-broker.xml");
    }

    @Test
    void rejectsAnUnknownBrokerMode() {
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("MERIDIAN_BROKER_MODE", "cluster"), HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MERIDIAN_BROKER_MODE must be 'embedded' or 'remote', not 'cluster'");
    }

    @Test
    void treatsBlankValuesAsUnset() {
        LaunchSettings settings = LaunchSettings.from(Map.of("DB_URL", " ", "MERIDIAN_PORT_OFFSET", ""), HOME);

        assertThat(settings.externalDatabase()).isEmpty();
        assertThat(settings.portOffset()).isZero();
    }

    @Test
    void rejectsAPortOffsetThatIsNoNumberAndNamesTheVariable() {
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("MERIDIAN_PORT_OFFSET", "ten"), HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MERIDIAN_PORT_OFFSET must be a whole number, not 'ten'");
    }

    @Test
    void rejectsAPortOffsetThatPushesTheServerPortsBeyondTheLastPort() {
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("MERIDIAN_PORT_OFFSET", "60000"), HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MERIDIAN_PORT_OFFSET must be between 0 and");
    }

    @Test
    void rejectsAnEmbeddedDatabasePortOutOfRange() {
        assertThatThrownBy(() -> LaunchSettings.from(Map.of("MERIDIAN_EMBEDDED_DB_PORT", "0"), HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MERIDIAN_EMBEDDED_DB_PORT must be between 1 and 65535");
    }
}
