package dev.meridian.it;

import dev.meridian.launcher.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts an empty embedded PostgreSQL before any test (and so before Arquillian starts the server, whose
 * datasource points at it) and stops it after the last one.
 */
public class EmbeddedDatabaseSession implements LauncherSessionListener {

    private EmbeddedDatabase database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            database = EmbeddedDatabase.start(Path.of(TestServer.property("meridian.test.db.dir")),
                    Integer.parseInt(TestServer.property("meridian.test.db.port")), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the tests' embedded PostgreSQL", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
