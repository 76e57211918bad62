package dev.meridian.eventinfra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodyShapeTest {

    record Registration(String email, String displayName, Boolean marketing, int age, UUID inviter,
                        List<String> roles) {
    }

    private static final Type PREFERENCES = new Object() {
        @SuppressWarnings("unused")
        Map<String, Object> preferences;
    }.getClass().getDeclaredFields()[0].getGenericType();

    @Test
    void acceptsABodyOfTheRequestsShapeAndAnEmptyOne() {
        assertThatCode(() -> JsonBodyShape.check("""
                {"email": "a@example.org", "displayName": "Tab\\tand line\\nfeed", "marketing": true, "age": 42,
                 "inviter": "%s", "roles": ["user"]}
                """.formatted(UUID.randomUUID()), Registration.class)).doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyShape.check("{\"email\": null}", Registration.class)).doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyShape.check("  ", Registration.class)).doesNotThrowAnyException();
        assertThatCode(() -> JsonBodyShape.check("{\"theme\": \"dark\", \"beta\": true}", PREFERENCES))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"displayName\": true}                           | displayName | must be a string",
            "{\"displayName\": 12}                             | displayName | must be a string",
            "{\"displayName\": {\"first\": \"A\"}}             | displayName | must be a string",
            "{\"marketing\": \"yes\"}                          | marketing   | must be true or false",
            "{\"age\": 4.5}                                    | age         | must be a whole number",
            "{\"age\": 99999999999}                            | age         | must be a whole number",
            "{\"age\": \"42\"}                                 | age         | must be a whole number",
            "{\"inviter\": \"not-a-uuid\"}                     | inviter     | must be a UUID",
            "{\"roles\": \"user\"}                             | roles       | must be a JSON array",
            "{\"roles\": [1]}                                  | roles[0]    | must be a string",
            "{\"role\": \"admin\"}                             | role        | is not a field of this request",
            "[\"a\"]                                           | body        | must be a JSON object",
            "\"just a string\"                                 | body        | must be a JSON object",
            "{\"email\": \"a@example.org\"} {\"email\": \"b\"} | body        | not well-formed JSON (line 1,",
            "{\"email\": \"a@example.org\"} trailing            | body        | not well-formed",
            "{\"email\":                                        | body        | not well-formed",
            "{\"email\": \"a\\u0000b@example.org\"}            | body        | control characters such as U+0000",
            "{\"e\\u0001mail\": \"a@example.org\"}             | body        | control characters such as U+0001"})
    void refusesNamingTheField(String body, String field, String message) {
        assertThatThrownBy(() -> JsonBodyShape.check(body, Registration.class))
                .isInstanceOfSatisfying(InvalidParameterException.class, refused -> {
                    assertThat(refused.parameter()).isEqualTo(field);
                    assertThat(refused.getMessage()).contains(message);
                });
    }

    @Test
    void refusesAnArrayWhereAMapIsReadAndDeepNesting() {
        assertThatThrownBy(() -> JsonBodyShape.check("[\"a\"]", PREFERENCES))
                .hasMessageContaining("must be a JSON object");
        String deep = "[".repeat(JsonBodyShape.MAX_DEPTH + 1) + "]".repeat(JsonBodyShape.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonBodyShape.check(deep, Object.class))
                .hasMessageContaining("nested deeper than " + JsonBodyShape.MAX_DEPTH);
        String deepest = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThatThrownBy(() -> JsonBodyShape.check(deepest, PREFERENCES)).hasMessageContaining("nested deeper");
    }
}
