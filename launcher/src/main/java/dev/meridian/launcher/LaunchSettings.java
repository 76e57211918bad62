package dev.meridian.launcher;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher reads from the environment. Everything has a working default; a value that cannot be used
 * stops the launch with a message that names the variable.
 *
 * @param dataDirectory      where the embedded database and the server's data (broker journal, transaction log) live
 * @param portOffset         added to every port the server opens (8080, 9990, ...)
 * @param embeddedDbPort     the port of the embedded PostgreSQL
 * @param externalDatabase   the JDBC URL of an existing database; when present no embedded database starts
 * @param brokerMode         whether the server runs its own Artemis or uses one at BROKER_HOST:BROKER_PORT
 * @param internalPort       the internal listener's port (LRA coordinator, participant callbacks): 8090 moved by
 *                           the port offset unless MERIDIAN_INTERNAL_PORT says otherwise
 * @param internalHost       where this server reaches its own internal listener: the address it binds, or loopback
 *                           when it binds every address
 * @param coordinatorUrl     the LRA coordinator, on the internal listener unless MERIDIAN_LRA_COORDINATOR_URL names
 *                           another
 */
public record LaunchSettings(Path dataDirectory, int portOffset, int embeddedDbPort, Optional<String> externalDatabase,
                             BrokerMode brokerMode, int internalPort, String internalHost, String coordinatorUrl) {

    /** Where the broker runs; each mode has its own server configuration, produced by the build. */
    public enum BrokerMode {
        EMBEDDED("meridian.xml"),
        REMOTE("meridian-remote-broker.xml");

        private final String serverConfiguration;

        BrokerMode(String serverConfiguration) {
            this.serverConfiguration = serverConfiguration;
        }

        /** The server configuration file for this mode. */
        public String serverConfiguration() {
            return serverConfiguration;
        }
    }

    static final String DATA_DIR = "MERIDIAN_DATA_DIR";
    static final String PORT_OFFSET = "MERIDIAN_PORT_OFFSET";
    static final String EMBEDDED_DB_PORT = "MERIDIAN_EMBEDDED_DB_PORT";
    static final String DB_URL = "DB_URL";
    static final String BROKER_MODE = "MERIDIAN_BROKER_MODE";
    static final String INTERNAL_PORT = "MERIDIAN_INTERNAL_PORT";
    static final String INTERNAL_BIND_ADDRESS = "MERIDIAN_INTERNAL_BIND_ADDRESS";
    static final String COORDINATOR_URL = "MERIDIAN_LRA_COORDINATOR_URL";
    static final int DEFAULT_INTERNAL_PORT = 8090;

    static final int DEFAULT_EMBEDDED_DB_PORT = 15432;
    private static final int HIGHEST_PORT = 65535;
    private static final int HIGHEST_SERVER_PORT = 9993;

    /** Reads the settings from {@code environment}, typically {@link System#getenv()}. */
    public static LaunchSettings from(Map<String, String> environment, Path userHome) {
        Path dataDirectory = Optional.ofNullable(blankToNull(environment.get(DATA_DIR)))
                .map(Path::of)
                .orElse(userHome.resolve(".meridian"));
        int portOffset = integer(environment, PORT_OFFSET, 0, 0, HIGHEST_PORT - HIGHEST_SERVER_PORT);
        int embeddedDbPort = integer(environment, EMBEDDED_DB_PORT, DEFAULT_EMBEDDED_DB_PORT, 1, HIGHEST_PORT);
        int internalPort = integer(environment, INTERNAL_PORT, DEFAULT_INTERNAL_PORT + portOffset, 1, HIGHEST_PORT);
        String internalHost = internalHost(environment);
        return new LaunchSettings(dataDirectory.toAbsolutePath(), portOffset, embeddedDbPort,
                Optional.ofNullable(blankToNull(environment.get(DB_URL))), brokerMode(environment), internalPort,
                internalHost, Optional.ofNullable(blankToNull(environment.get(COORDINATOR_URL)))
                        .orElseGet(() -> "http://" + internalHost + ":" + internalPort
                                + "/lra-coordinator/lra-coordinator"));
    }

    /** Where this server reaches its own internal listener: the address it binds, or loopback for every address. */
    private static String internalHost(Map<String, String> environment) {
        String bound = blankToNull(environment.get(INTERNAL_BIND_ADDRESS));
        if (bound == null || bound.strip().equals("0.0.0.0") || bound.strip().equals("::")) {
            return "127.0.0.1";
        }
        return bound.contains(":") ? "[" + bound.strip() + "]" : bound.strip();
    }

    private static BrokerMode brokerMode(Map<String, String> environment) {
        String value = blankToNull(environment.get(BROKER_MODE));
        if (value == null) {
            return BrokerMode.EMBEDDED;
        }
        try {
            return BrokerMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BROKER_MODE + " must be 'embedded' or 'remote', not '" + value + "'", e);
        }
    }

    private static int integer(Map<String, String> environment, String name, int defaultValue, int min, int max) {
        String value = blankToNull(environment.get(name));
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The HTTP port the server will answer on. */
    public int httpPort() {
        return 8080 + portOffset;
    }
}
