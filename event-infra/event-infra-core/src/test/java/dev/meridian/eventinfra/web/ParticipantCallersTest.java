package dev.meridian.eventinfra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Who may call a module's LRA participant endpoints. */
class ParticipantCallersTest {

    private final ParticipantCallers callers = new ParticipantCallers();

    @Test
    void letsThisServerCallOverLoopback() throws Exception {
        assertThat(callers.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(callers.allows(InetAddress.getByName("127.0.0.42"))).isTrue();
        assertThat(callers.allows(InetAddress.getByName("::1"))).isTrue();
    }

    @Test
    void refusesEveryOtherAddressUntilItIsConfigured() throws Exception {
        InetAddress coordinatorHost = InetAddress.getByName("10.1.2.3");
        assertThat(callers.allows(coordinatorHost)).isFalse();
        assertThat(callers.allows(InetAddress.getByName("192.0.2.7"))).isFalse();

        callers.allow("10.1.2.3");

        assertThat(callers.allows(coordinatorHost)).isTrue();
        assertThat(callers.allows(InetAddress.getByName("10.1.2.4"))).isFalse();
    }
}
