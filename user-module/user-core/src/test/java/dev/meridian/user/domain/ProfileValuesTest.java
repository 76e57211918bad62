package dev.meridian.user.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileValuesTest {

    @Test
    void trimsADisplayNameAndKeepsItWithinLimits() {
        assertThat(DisplayName.of("  Ada Lovelace ").value()).isEqualTo("Ada Lovelace");
        assertThat(DisplayName.of("A".repeat(100)).value()).hasSize(100);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Ada\nBcc: everyone@example.org", "Ada\u0000"})
    void refusesADisplayNameThatIsEmptyOrHasControlCharacters(String typed) {
        assertThatThrownBy(() -> DisplayName.of(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesADisplayNameLongerThanAHundredCharacters() {
        assertThatThrownBy(() -> DisplayName.of("A".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesALanguageTagInCanonicalForm() {
        assertThat(LanguageTag.of("de_ch").value()).isEqualTo("de-CH");
        assertThat(LanguageTag.of("EN").value()).isEqualTo("en");
        assertThat(LanguageTag.of(" pt-BR ").value()).isEqualTo("pt-BR");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"english", "12", "en-", "x-private"})
    void refusesWhatIsNoLanguageTag(String typed) {
        assertThatThrownBy(() -> LanguageTag.of(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesFlatStringAndBooleanPreferences() {
        Map<String, Object> values = Map.of("theme", "dark", "newsletter", true, "ui.density", "compact");

        assertThat(new Preferences(values).values()).isEqualTo(values);
    }

    @Test
    void refusesPreferencesThatAreNestedNumericBadlyNamedOrTooMany() {
        assertThatThrownBy(() -> new Preferences(Map.of("theme", Map.of("colour", "dark"))))
                .hasMessageContaining("string or a boolean");
        assertThatThrownBy(() -> new Preferences(Map.of("fontSize", 12))).hasMessageContaining("string or a boolean");
        assertThatThrownBy(() -> new Preferences(Map.of("1st", true))).hasMessageContaining("Not a preference name");
        assertThatThrownBy(() -> new Preferences(Map.of("theme", "x".repeat(501)))).hasMessageContaining("longer");
        Map<String, Object> tooMany = new HashMap<>();
        for (int entry = 0; entry <= Preferences.MAX_ENTRIES; entry++) {
            tooMany.put("p" + entry, true);
        }
        assertThatThrownBy(() -> new Preferences(tooMany)).hasMessageContaining("At most");
    }
}
