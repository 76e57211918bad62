package dev.meridian.notification.mail;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PublishedEvents;
import dev.meridian.eventinfra.delivery.BatchLoop;
import dev.meridian.eventinfra.delivery.Transactions;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.notification.api.NotificationEvent;
import dev.meridian.notification.api.NotificationFailed;
import dev.meridian.notification.api.NotificationSent;
import dev.meridian.notification.command.Deliveries;
import dev.meridian.notification.command.Delivery;
import jakarta.enterprise.event.Event;
import jakarta.mail.MessagingException;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the due deliveries, one transaction each: the delivery is locked, rendered, handed to the SMTP server, and
 * recorded as sent ({@code NotificationSent}) or as failed with its next try; after the last try it is given up
 * ({@code NotificationFailed}). Each try is timed ({@code meridian.mail.send}) and its outcome counted
 * ({@code meridian.mail.deliveries}: sent, retried, failed). Without an SMTP server deliveries simply wait for their next try: nothing is lost
 * and no process fails. A crash between the server's acceptance and the commit sends the mail again at the next
 * try: mail is delivered at least once.
 */
final class MailSender extends BatchLoop {

    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
    private static final int BATCH = 20;
    private static final DateTimeFormatter LINK_EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Deliveries deliveries;
    private final MailTemplates templates;
    private final SmtpMailer mailer;
    private final MailSettings settings;
    private final UserTransaction transaction;
    private final Event<PublishedEvents> publish;
    private final Meters meters;

    MailSender(Deliveries deliveries, MailTemplates templates, SmtpMailer mailer, MailSettings settings,
               UserTransaction transaction, Event<PublishedEvents> publish, Meters meters) {
        super(BATCH, Duration.ofSeconds(1), Duration.ofSeconds(5));
        this.deliveries = deliveries;
        this.templates = templates;
        this.mailer = mailer;
        this.settings = settings;
        this.transaction = transaction;
        this.publish = publish;
        this.meters = meters;
    }

    @Override
    protected int runBatch() {
        int handled = 0;
        while (handled < BATCH && sendNextDue()) {
            handled++;
        }
        return handled;
    }

    private boolean sendNextDue() {
        Transactions.begin(transaction);
        try {
            Optional<Delivery> due = deliveries.claimDue();
            due.ifPresent(this::send);
            Transactions.commit(transaction);
            return due.isPresent();
        } catch (RuntimeException e) {
            Transactions.rollback(transaction);
            throw e;
        }
    }

    private void send(Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        RenderedMail mail = templates.render(delivery.kind(), delivery.locale(), valuesOf(delivery));
        try {
            meters.timer("meridian.mail.send", "kind", delivery.kind()).record(() -> handOver(delivery, mail));
            deliveries.sent(delivery.id(), attempt, mail.subject());
            outcome(delivery, "sent");
            published(delivery, new NotificationSent(delivery.id(), delivery.userId(), delivery.kind(),
                    delivery.channel(), attempt));
        } catch (UndeliveredMail e) {
            String error = e.getCause().getMessage();
            if (attempt >= settings.retryAttempts()) {
                LOG.warning(() -> "Gave up delivery " + delivery.id() + " after " + attempt + " tries: " + error);
                deliveries.giveUp(delivery.id(), attempt, error);
                outcome(delivery, "failed");
                published(delivery, new NotificationFailed(delivery.id(), delivery.userId(), delivery.kind(),
                        delivery.channel(), attempt, error));
            } else {
                Duration wait = settings.delayAfter(attempt);
                LOG.info(() -> "Delivery " + delivery.id() + " failed (try " + attempt + "), again in " + wait
                        + ": " + error);
                deliveries.retryLater(delivery.id(), attempt, error, Instant.now().plus(wait));
                outcome(delivery, "retried");
            }
        }
    }

    /** What the delivery's templates may show; only what the delivery has. */
    private static Map<String, Object> valuesOf(Delivery delivery) {
        Map<String, Object> values = new HashMap<>();
        if (delivery.displayName() != null) {
            values.put("displayName", delivery.displayName());
        }
        if (delivery.link() != null) {
            values.put("link", delivery.link());
            values.put("linkExpiresAt", LINK_EXPIRY.format(delivery.linkExpiresAt()));
        }
        return values;
    }

    /** One try's outcome, counted as {@code meridian.mail.deliveries} by kind and outcome. */
    private void outcome(Delivery delivery, String outcome) {
        meters.counter("meridian.mail.deliveries", "kind", delivery.kind(), "outcome", outcome).increment();
    }

    private void handOver(Delivery delivery, RenderedMail mail) {
        try {
            mailer.send(delivery.recipient(), mail);
        } catch (MessagingException e) {
            throw new UndeliveredMail(e);
        }
    }

    /** The SMTP server did not take a mail; carried through the timer, which takes no checked exceptions. */
    private static final class UndeliveredMail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndeliveredMail(MessagingException cause) {
            super(cause);
        }
    }

    private void published(Delivery delivery, NotificationEvent event) {
        publish.fire(new PublishedEvents(Deliveries.streamOf(delivery.id()), ExpectedVersion.noStream(),
                List.of(NewEvent.of(event, new EventMetadata(Optional.empty(), Optional.empty(),
                        Optional.of("notification"), Map.of())))));
    }

    @Override
    protected void failed(Exception failure) {
        LOG.log(Level.WARNING, "Sending due mail failed; trying again shortly", failure);
    }
}
