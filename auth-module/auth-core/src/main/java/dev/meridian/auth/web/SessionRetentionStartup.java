package dev.meridian.auth.web;

import dev.meridian.auth.token.SessionRetention;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Starts deleting ended sessions with auth and stops with it. Declared in web.xml after event-infra's module start,
 * so the auth schema exists.
 */
public class SessionRetentionStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SessionRetentionStartup.class.getName());

    @Inject
    SessionRetention retention;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        retention.start();
        LOG.info(() -> "Ended sessions are deleted every " + retention.interval());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        retention.stop();
    }
}
