package dev.meridian.auth.web;

import dev.meridian.auth.process.PasswordResetProcess;
import dev.meridian.auth.process.PasswordResetWorker;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Starts working on password-reset requests with auth and stops with it; requests kept before a stop or a crash
 * are worked on then. Declared in web.xml after event-infra's module start, so the auth schema exists.
 */
public class PasswordResetStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(PasswordResetStartup.class.getName());

    @Inject
    PasswordResetWorker worker;

    @Inject
    PasswordResetProcess process;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        worker.start();
        LOG.info(() -> "Password resets started; a reset link works for " + process.tokenLifetime());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        worker.stop();
    }
}
