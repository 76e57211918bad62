package dev.meridian.eventinfra.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PrivateReply;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrivateRepliesTest {

    private static final UUID REQUEST = UUID.fromString("5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6");

    @EventType(name = "test.Replied")
    record Replied() implements PrivateReply {
    }

    private static EventEnvelope<Replied> in(String streamId) {
        return new EventEnvelope<>(UUID.randomUUID(), "test.Replied", 1, streamId, 1, 1, Instant.now(),
                EventMetadata.none(), new Replied(), false);
    }

    @Test
    void findsTheRequestInTheReplysStream() {
        assertThat(PrivateReplies.requestOf(in("testreply-" + REQUEST))).isEqualTo(REQUEST);
        assertThat(PrivateReplies.requestOf(in("testexport-" + REQUEST))).as("a data export's answer before V14")
                .isEqualTo(REQUEST);
    }

    @Test
    void refusesAnEventOutsideAReplysStream() {
        assertThatThrownBy(() -> PrivateReplies.requestOf(in("cart-" + REQUEST)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cart-" + REQUEST);
    }
}
