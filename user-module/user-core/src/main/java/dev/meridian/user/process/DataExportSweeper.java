package dev.meridian.user.process;

import dev.meridian.eventinfra.delivery.BatchLoop;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.user.command.DataExports;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends data exports on time, on a managed thread from the user module's start to its stop: every few seconds it
 * fails the exports whose deadline passed and deletes those whose archive expired. Several servers share the work
 * (each export is locked while one server ends it); a server that was down catches up when it starts.
 */
@ApplicationScoped
public class DataExportSweeper {

    private static final Logger LOG = Logger.getLogger(DataExportSweeper.class.getName());
    private static final int BATCH = 10;
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Inject
    DataExports exports;

    @Inject
    @ServerResource
    ManagedThreadFactory threads;

    private Loop loop;

    /** Starts sweeping. */
    public void start() {
        loop = new Loop();
        loop.startOn(threads, "meridian-data-exports");
    }

    /** Stops after the sweep under way. */
    public void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    private final class Loop extends BatchLoop {

        Loop() {
            super(BATCH, INTERVAL, INTERVAL);
        }

        @Override
        protected int runBatch() {
            int failed = 0;
            while (failed < BATCH && exports.failNextOverdue()) {
                failed++;
            }
            int deleted = exports.deleteExpired();
            if (deleted > 0) {
                LOG.info(() -> "Deleted " + deleted + " expired data exports");
            }
            return failed;
        }

        @Override
        protected void failed(Exception failure) {
            LOG.log(Level.WARNING, "Ending overdue or expired data exports failed; trying again shortly", failure);
        }
    }
}
