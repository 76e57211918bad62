package dev.meridian.auth.web;

import dev.meridian.auth.token.AccessTokens;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Settles the access tokens' signing key when auth starts rather than at the first sign-in: a generated key's
 * public half must be where every module's token verification reads it before the first token arrives, and a
 * configuration that names only half a key pair fails the start. Declared in web.xml after event-infra's module
 * start, so the auth schema exists.
 */
public class SigningKeyBootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SigningKeyBootstrap.class.getName());

    @Inject
    AccessTokens accessTokens;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        LOG.info(() -> "Access tokens are signed with " + accessTokens.keySource() + " and live "
                + accessTokens.lifetime());
    }
}
