package dev.meridian.eventinfra.module;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.eclipse.microprofile.config.Config;

/**
 * Reading Meridian's settings from MicroProfile Config the same way everywhere: a setting may go by several names
 * (its {@code meridian.*} property and an environment variable of its own, such as {@code SMTP_HOST}), the first
 * one set wins, and a blank value counts as not set.
 */
@API(status = API.Status.STABLE)
public final class Settings {

    private Settings() {
    }

    /** The value of the first of {@code names} that is set and not blank. */
    public static Optional<String> text(Config config, String... names) {
        return Stream.of(names).map(name -> config.getOptionalValue(name, String.class))
                .flatMap(Optional::stream).filter(value -> !value.isBlank()).findFirst();
    }

    /** A comma-separated list of ISO-8601 durations, such as {@code PT0.2S,PT1S,PT5S}. */
    public static List<Duration> durations(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).map(Duration::parse).toList();
    }

    /**
     * The duration {@code name}, or {@code fallback} when it is not set.
     *
     * @throws IllegalStateException when it is zero or negative, so that a server never starts with it
     */
    public static Duration positiveDuration(Config config, String name, Duration fallback) {
        Duration value = config.getOptionalValue(name, Duration.class).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be positive, not " + value);
        }
        return value;
    }
}
