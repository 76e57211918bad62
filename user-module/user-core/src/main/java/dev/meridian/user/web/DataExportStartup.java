package dev.meridian.user.web;

import dev.meridian.user.command.DataExports;
import dev.meridian.user.process.DataExportSweeper;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Starts the clock of data exports with the user module and stops it with the module. Declared in web.xml after
 * event-infra's module start, so the users schema exists.
 */
public class DataExportStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(DataExportStartup.class.getName());

    @Inject
    DataExportSweeper sweeper;

    @Inject
    DataExports exports;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        sweeper.start();
        LOG.info(() -> "Data exports started; " + exports.describe());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        sweeper.stop();
    }
}
