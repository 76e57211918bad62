package dev.meridian.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerAccountsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void theServersPasswordIsMadeOnTheFirstStartKeptForTheOwnerAloneAndReusedAfterwards() throws Exception {
        BrokerAccounts first = BrokerAccounts.from(Map.of(), dataDirectory, true);
        BrokerAccounts second = BrokerAccounts.from(Map.of(), dataDirectory, true);

        assertThat(first.server().user()).isEqualTo("meridian");
        assertThat(first.server().password()).hasSizeGreaterThanOrEqualTo(43).isEqualTo(second.server().password());
        Path kept = dataDirectory.resolve(BrokerAccounts.GENERATED_PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        assertThat(BrokerAccounts.from(Map.of(), Files.createTempDirectory(dataDirectory, "other"), true)
                .server().password()).as("another installation's").isNotEqualTo(first.server().password());
        assertThat(first.subscriber()).as("no subscriber unless configured").isEmpty();
        assertThat(first.all()).containsExactly(first.server());
    }

    @Test
    void aConfiguredAccountIsUsedAsItIsAndNothingIsWritten() throws Exception {
        BrokerAccounts configured = BrokerAccounts.from(Map.of("BROKER_USER", "relay", "BROKER_PASSWORD", "s3cret",
                "MERIDIAN_SUBSCRIBER_USER", "reporting", "MERIDIAN_SUBSCRIBER_PASSWORD", "other"), dataDirectory, true);

        assertThat(configured.server()).isEqualTo(new BrokerAccount("relay", "s3cret", "guest"));
        assertThat(configured.subscriber()).contains(new BrokerAccount("reporting", "other", "subscriber"));
        assertThat(configured.serverProperties()).containsOnly(Map.entry("meridian.broker.user", "relay"),
                Map.entry("meridian.broker.password", "s3cret"));
        assertThat(dataDirectory.resolve(BrokerAccounts.GENERATED_PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void aRemoteBrokerNeedsThePasswordOfItsOwnAccount() {
        assertThatThrownBy(() -> BrokerAccounts.from(Map.of(), dataDirectory, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BROKER_PASSWORD must be set");
        assertThat(dataDirectory.resolve(BrokerAccounts.GENERATED_PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void aSubscriberIsNamedWithItsPasswordAndIsNotTheServer() {
        assertThatThrownBy(() -> BrokerAccounts.from(Map.of("MERIDIAN_SUBSCRIBER_USER", "reporting"), dataDirectory,
                true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set both or neither");
        assertThatThrownBy(() -> BrokerAccounts.from(Map.of("MERIDIAN_SUBSCRIBER_USER", "meridian",
                "MERIDIAN_SUBSCRIBER_PASSWORD", "x"), dataDirectory, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
        assertThatThrownBy(() -> BrokerAccounts.from(Map.of("MERIDIAN_SUBSCRIBER_USER", "bad=name",
                "MERIDIAN_SUBSCRIBER_PASSWORD", "x"), dataDirectory, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits");
    }

    @Test
    void anAccountIsAddedToTheApplicationRealmAsWildFlysAddUserWouldAddIt() throws Exception {
        new BrokerAccount("meridian", "meridian-broker", "guest").addTo(dataDirectory);
        new BrokerAccount("reporting", "other", "subscriber").addTo(dataDirectory);

        // the line add-user.sh -a -u meridian --password meridian-broker wrote in earlier builds
        assertThat(Files.readAllLines(dataDirectory.resolve("application-users.properties")))
                .contains("meridian=c0a930d6287cf294546ea502ba99c5bb")
                .noneMatch(line -> line.contains("meridian-broker") || line.contains("other"));
        assertThat(Files.readAllLines(dataDirectory.resolve("application-roles.properties")))
                .contains("meridian=guest", "reporting=subscriber");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDirectory.resolve("application-users.properties")))).isEqualTo("rw-------");
    }
}
