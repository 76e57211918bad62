package dev.meridian.notification.mail;

import dev.meridian.eventinfra.api.PublishedEvents;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.notification.command.Deliveries;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs the mail sender on a managed thread from the module's start to its stop, and wakes it when a delivery was
 * queued, so a mail goes out at once rather than at the next poll.
 */
@ApplicationScoped
public class MailDelivery {

    @Inject
    Deliveries deliveries;

    @Inject
    Event<PublishedEvents> publish;

    @Inject
    @ServerResource
    UserTransaction transaction;

    @Inject
    MeterRegistry meterRegistry;

    @Inject
    @ServerResource
    ManagedThreadFactory threads;

    private MailSender sender;
    private MailSettings settings;

    /** Starts sending; the settings are read now, so a bad one fails the module's start. */
    public void start() {
        settings = MailSettings.from(ConfigProvider.getConfig(MailDelivery.class.getClassLoader()));
        sender = new MailSender(deliveries, new MailTemplates(MailDelivery.class.getClassLoader()),
                new SmtpMailer(settings), settings, transaction, publish, new Meters(meterRegistry));
        sender.startOn(threads, "meridian-mail-sender");
    }

    /** Stops after the delivery under way. */
    public void stop() {
        if (sender != null) {
            sender.stop();
        }
    }

    /** A delivery was queued: send now. */
    public void wakeUp() {
        if (sender != null) {
            sender.wakeUp();
        }
    }

    /** Where mail goes, for the start-up log. */
    public String describe() {
        return "SMTP " + settings.host() + ":" + settings.port() + (settings.user().isPresent() ? " with login" : "")
                + ", from " + settings.from() + ", " + settings.retryAttempts() + " tries";
    }
}
