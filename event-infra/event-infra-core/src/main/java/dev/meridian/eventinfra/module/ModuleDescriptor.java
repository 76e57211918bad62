package dev.meridian.eventinfra.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;

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

    private static final String CONFIG_FILE = "META-INF/microprofile-config.properties";

    private static final ClassValue<Optional<ModuleDescriptor>> OF_CLASS = new ClassValue<>() {
        @Override
        protected Optional<ModuleDescriptor> computeValue(Class<?> type) {
            return of(type.getClassLoader());
        }
    };

    /**
     * Reads the descriptor of the module whose WAR has this class loader; empty for a WAR that is no module.
     *
     * <p>Read from the configuration files that loader sees (the WAR's own, and the EAR library's, which name no
     * module), not through the configuration the server keeps for the WAR: a descriptor is what the module was built
     * as, not a setting, and while WildFly gives each WAR of an EAR a configuration of its own, Payara gives all of
     * them the EAR's, which has no WAR's file in it.
     */
    public static Optional<ModuleDescriptor> of(ClassLoader moduleLoader) {
        Properties declared = new Properties();
        try {
            for (URL file : Collections.list(moduleLoader.getResources(CONFIG_FILE))) {
                Properties one = new Properties();
                try (InputStream in = file.openStream()) {
                    one.load(in);
                }
                one.forEach(declared::putIfAbsent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CONFIG_FILE, e);
        }
        return Optional.ofNullable(declared.getProperty(NAME)).map(name -> new ModuleDescriptor(
                name,
                Optional.ofNullable(declared.getProperty(VERSION))
                        .orElseThrow(() -> new IllegalStateException("The module " + name + " declares no " + VERSION)),
                Optional.ofNullable(declared.getProperty(SCHEMA)),
                Optional.ofNullable(declared.getProperty(TOPIC))));
    }

    /** The descriptor of the module whose WAR holds this class, read once per class. */
    public static Optional<ModuleDescriptor> of(Class<?> moduleClass) {
        return OF_CLASS.get(moduleClass);
    }
}
