package dev.meridian.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server started from the binaries on Maven Central, holding Meridian's database. It listens on
 * localhost only and trusts local connections, so it is for development and tests, never for production.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The database Meridian uses inside the embedded server. */
    public static final String DATABASE = "meridian";
    /** The superuser of the embedded server; it authenticates by trust, so any password is accepted. */
    public static final String USER = "postgres";

    private static final Duration PORT_RELEASE_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on {@code port} with its data in {@code dataDirectory} and makes sure Meridian's database
     * exists.
     *
     * @param keepData true to reuse the data a previous run left there; false to start from an empty cluster
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean keepData) throws IOException {
        if (!keepData) {
            // the library removes its data when it stops, but not what another run left behind
            deleteRecursively(dataDirectory);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("max_connections", "200");
        if (keepData) {
            // the embedded defaults trade durability for speed (fsync and synchronous commit off): fine for a
            // throw-away test database, not for data that must survive a crash
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        ListeningPorts.awaitReleased(List.of(port), PORT_RELEASE_TIMEOUT);
        EmbeddedPostgres postgres = builder.start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        try {
            database.createMeridianDatabaseIfMissing();
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("The embedded PostgreSQL started but Meridian's database could not be created", e);
        }
        return database;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    private void createMeridianDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, DATABASE);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        }
    }

    /** The JDBC URL of Meridian's database. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** The port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server; a fast shutdown that keeps every committed transaction. Returns once the postmaster has let
     * go of its port: the library's own stop gives up waiting after five seconds, and a database started on the same
     * port right after would otherwise find it taken.
     */
    @Override
    public void close() throws IOException {
        int port = postgres.getPort();
        postgres.close();
        ListeningPorts.awaitReleased(List.of(port), PORT_RELEASE_TIMEOUT);
    }
}
