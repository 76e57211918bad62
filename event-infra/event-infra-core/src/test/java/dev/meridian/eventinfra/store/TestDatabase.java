package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.module.ModuleStartup;
import dev.meridian.eventinfra.module.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for the store's tests: one server per test run, a new database with event-infra's schema
 * migrated for each caller, so tests never see each other's events.
 */
public final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    /** A new, migrated database. */
    public static synchronized DataSource fresh() {
        try {
            if (server == null) {
                // no autovacuum: its analyze holds a transaction id, and a gap waits for every transaction that
                // held one when it was first seen, so a test's read could stop short at an old gap
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "100")
                        .setServerConfig("autovacuum", "off").start();
            }
            String name = "store_test_" + DATABASES.incrementAndGet();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create database " + name);
            }
            DataSource dataSource = server.getDatabase("postgres", name);
            SchemaMigrations.migrate(dataSource, ModuleStartup.EVENT_INFRA_SCHEMA, TestDatabase.class.getClassLoader());
            return dataSource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
