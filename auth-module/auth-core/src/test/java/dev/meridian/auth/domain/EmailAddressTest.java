package dev.meridian.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ada@Example.org", " ada@example.org", "ADA@EXAMPLE.ORG\t"})
    void findsTheSameAddressHoweverItWasTyped(String typed) {
        assertThat(EmailAddress.of(typed)).isEqualTo(new EmailAddress("ada@example.org"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ada", "ada@", "@example.org", "ada@example", "ada lovelace@example.org",
            "ada@@example.org"})
    void refusesWhatIsNoAddress(String typed) {
        assertThatThrownBy(() -> EmailAddress.of(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAtMostTheLengthSmtpAllows() {
        String longest = "a".repeat(254 - "@example.org".length()) + "@example.org";

        assertThat(EmailAddress.of(longest).value()).hasSize(254);
        assertThatThrownBy(() -> EmailAddress.of("a" + longest)).isInstanceOf(IllegalArgumentException.class);
    }
}
