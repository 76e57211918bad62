package dev.meridian.notification.web;

import dev.meridian.notification.mail.MailDelivery;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.logging.Logger;

/**
 * Starts mail delivery with the module and stops it with the module. Declared in web.xml after event-infra's
 * module start, so the notification schema exists.
 */
public class MailDeliveryStartup implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(MailDeliveryStartup.class.getName());

    @Inject
    MailDelivery delivery;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        delivery.start();
        LOG.info(() -> "Mail delivery started: " + delivery.describe());
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        delivery.stop();
    }
}
