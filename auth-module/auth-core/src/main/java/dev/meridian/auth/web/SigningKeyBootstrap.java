package dev.meridian.auth.web;

import dev.meridian.auth.token.SigningKeyRing;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Settles the access tokens' signing keys when auth starts rather than at the first sign-in: the first key is made
 * (or a key kept in the clear wrapped), a key-encryption key that does not match the stored keys fails the start,
 * and so does a configuration that names only half a key pair. Declared in web.xml after event-infra's module
 * start, so the auth schema exists.
 */
public class SigningKeyBootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SigningKeyBootstrap.class.getName());

    @Inject
    SigningKeyRing keys;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        keys.start();
        LOG.info(() -> "Access tokens are signed with " + keys.describe() + " and live " + keys.tokenLifetime());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        keys.stop();
    }
}
