package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    @Test
    void refusesAnAuditGraceThatARetryInPlaceCouldOutlast() {
        // 4 attempts: retries after 1 s, 5 s and 5 s again, 11 s in all
        assertThatThrownBy(() -> settings(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meridian.delivery.audit.grace (PT10S)")
                .hasMessageContaining("retries in place together (PT11S)");
        assertThat(settings(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5)), Duration.ofSeconds(12))
                .audits()).isTrue();
    }

    private static DeliverySettings settings(List<Duration> retryDelays, Duration auditGrace) {
        return new DeliverySettings("test", "user", "password", 500, Duration.ofSeconds(1), 2, 100, 4, retryDelays,
                1000, Duration.ofMillis(50), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofHours(1), 10_000, Duration.ofSeconds(30), Duration.ofSeconds(10), auditGrace, false);
    }
}
