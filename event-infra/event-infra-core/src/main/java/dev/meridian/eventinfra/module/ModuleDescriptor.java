package dev.meridian.eventinfra.module;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * What a module says about itself in its own {@code META-INF/microprofile-config.properties}.
 *
 * @param name    the module's name, as in {@code /info}
 * @param version the version it was built as
 * @param schema  the PostgreSQL schema it owns, if it keeps tables
 * @param topic   the Artemis topic it publishes on, if it publishes
 */
public record ModuleDescriptor(String name, String version, Optional<String> schema, Optional<String> topic) {

    static final String NAME = "meridian.module.name";
    static final String VERSION = "meridian.module.version";
    static final String SCHEMA = "meridian.module.schema";
    static final String TOPIC = "meridian.module.topic";

    /** Reads the descriptor of the module whose configuration is given; empty for a WAR that is no module. */
    public static Optional<ModuleDescriptor> from(Config config) {
        return config.getOptionalValue(NAME, String.class).map(name -> new ModuleDescriptor(
                name,
                config.getValue(VERSION, String.class),
                config.getOptionalValue(SCHEMA, String.class),
                config.getOptionalValue(TOPIC, String.class)));
    }
}
