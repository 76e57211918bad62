package dev.meridian.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts Meridian in the foreground: the embedded PostgreSQL unless {@code DB_URL} names a database, then WildFly
 * with the EAR. Ctrl-C stops the server first and the database after it, so no transaction is cut off.
 *
 * <p>Arguments: the provisioned server's directory and the EAR file.
 */
public final class Meridian {

    private Meridian() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Meridian <provisioned-server-directory> <meridian.ear>");
            System.exit(2);
        }
        LaunchSettings settings;
        BrokerAccounts broker;
        try {
            settings = LaunchSettings.from(System.getenv(), Path.of(System.getProperty("user.home")));
            broker = BrokerAccounts.from(System.getenv(), settings.dataDirectory(),
                    settings.brokerMode() == LaunchSettings.BrokerMode.EMBEDDED);
        } catch (IllegalArgumentException e) {
            System.err.println("Cannot start Meridian: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(Path.of(args[0]), Path.of(args[1]), settings, broker));
    }

    private static int run(Path serverHome, Path ear, LaunchSettings settings, BrokerAccounts broker)
            throws IOException, InterruptedException {
        Optional<EmbeddedDatabase> database = settings.externalDatabase().isPresent()
                ? Optional.empty()
                : Optional.of(startEmbeddedDatabase(settings));
        WildFlyServer server = WildFlyServer.start(serverHome, ear, settings.dataDirectory().resolve("wildfly"),
                settings.brokerMode(), serverProperties(settings, database), broker, ProcessBuilder.Redirect.INHERIT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, database), "meridian-shutdown"));
        System.out.println("Meridian is starting at http://localhost:" + settings.httpPort()
                + "/ (health at http://localhost:" + (9990 + settings.portOffset()) + "/health). Ctrl-C stops it.");
        return server.awaitExit();
    }

    private static EmbeddedDatabase startEmbeddedDatabase(LaunchSettings settings) throws IOException {
        Path dataDirectory = settings.dataDirectory().resolve("postgres");
        System.out.println("Starting the embedded PostgreSQL on port " + settings.embeddedDbPort()
                + " with its data in " + dataDirectory);
        return EmbeddedDatabase.start(dataDirectory, settings.embeddedDbPort(), true);
    }

    private static Map<String, String> serverProperties(LaunchSettings settings, Optional<EmbeddedDatabase> database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("jboss.socket.binding.port-offset", Integer.toString(settings.portOffset()));
        // the internal listener is on a fixed port (its filter names the number), so the launcher moves it
        properties.put("meridian.internal.port", Integer.toString(settings.internalPort()));
        // where this server reaches its own internal listener, for the JWK set every module verifies tokens with
        properties.put("meridian.internal.host", settings.internalHost());
        properties.put("meridian.lra.coordinator.url", settings.coordinatorUrl());
        database.ifPresent(embedded -> {
            properties.put("meridian.db.url", embedded.jdbcUrl());
            properties.put("meridian.db.user", EmbeddedDatabase.USER);
            properties.put("meridian.db.password", EmbeddedDatabase.USER);
        });
        return properties;
    }

    private static void stop(WildFlyServer server, Optional<EmbeddedDatabase> database) {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.ifPresent(embedded -> {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("The embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        });
    }
}
