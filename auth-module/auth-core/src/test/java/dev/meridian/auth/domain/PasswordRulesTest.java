package dev.meridian.auth.domain;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordRulesTest {

    private static final EmailAddress ADA = EmailAddress.of("ada.lovelace@example.org");

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "twelve chars", "🔒🔒🔒🔒🔒🔒 unicode 🔑"})
    void acceptsLongPasswordsWithoutCompositionRules(String password) {
        assertThatNoException().isThrownBy(() -> PasswordRules.check(password, ADA));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        // six emoji are twelve UTF-16 units but six characters
        assertThatThrownBy(() -> PasswordRules.check("🔒".repeat(6), ADA)).isInstanceOf(WeakPasswordException.class)
                .hasMessageContaining("at least 12");
    }

    @Test
    void refusesShortAndHugePasswords() {
        assertThatThrownBy(() -> PasswordRules.check("eleven char", ADA)).hasMessageContaining("at least 12");
        assertThatNoException().isThrownBy(() -> PasswordRules.check("x".repeat(127) + "y", ADA));
        assertThatThrownBy(() -> PasswordRules.check("xy".repeat(65), ADA)).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> PasswordRules.check("xy".repeat(500_000), ADA)).hasMessageContaining("at most 128");
    }

    @Test
    void refusesPasswordsThatAreNoSecret() {
        assertThatThrownBy(() -> PasswordRules.check(null, ADA)).hasMessageContaining("required");
        assertThatThrownBy(() -> PasswordRules.check(" ".repeat(20), ADA)).hasMessageContaining("only spaces");
        assertThatThrownBy(() -> PasswordRules.check("Ada.Lovelace@Example.org", ADA))
                .hasMessageContaining("email address");
        assertThatThrownBy(() -> PasswordRules.check("ADA.LOVELACE", ADA)).hasMessageContaining("email address");
        assertThatThrownBy(() -> PasswordRules.check("a".repeat(20), ADA)).hasMessageContaining("repeated");
    }

    @Test
    void neverPutsThePasswordInItsMessage() {
        assertThatThrownBy(() -> PasswordRules.check("short", ADA)).message().doesNotContain("short");
    }
}
