package dev.meridian.eventinfra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LraCoordinatorTest {

    private static final String SETTING = "meridian.process.participants.analytics.url";

    @Test
    void aModulesOwnServerIsTheRootItsParticipantPathsResolveAgainst() {
        URI server = LraCoordinator.serverAt(SETTING, " http://10.0.0.7:8390/anything/else ", "analytics");

        assertThat(server.resolve("/api/analytics/participants/registration"))
                .isEqualTo(URI.create("http://10.0.0.7:8390/api/analytics/participants/registration"));
        assertThat(LraCoordinator.serverAt(SETTING, "HTTPS://analytics.internal", "analytics"))
                .isEqualTo(URI.create("HTTPS://analytics.internal/"));
    }

    @Test
    void anAddressThatIsNoHttpServerFailsTheModulesStepNamingTheModule() {
        for (String wrong : new String[] {"10.0.0.7:8390", "ftp://10.0.0.7", "http:///no-host", "http://a b", ""}) {
            assertThatThrownBy(() -> LraCoordinator.serverAt(SETTING, wrong, "analytics")).as(wrong)
                    .isInstanceOf(StepFailedException.class)
                    .hasMessage("The analytics module's address is misconfigured");
        }
    }
}
