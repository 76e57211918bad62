package dev.meridian.notification.messaging;

import dev.meridian.eventinfra.participant.ProcessParticipant;
import dev.meridian.notification.command.Deliveries;
import dev.meridian.notification.mail.MailDelivery;
import jakarta.inject.Inject;

/**
 * A part in a process whose mail is held while the process runs: it goes out when the process closes, and never when
 * it is cancelled. A subclass holds the mail when it joins.
 */
abstract class HeldMailParticipant extends ProcessParticipant {

    @Inject
    Deliveries deliveries;

    @Inject
    MailDelivery mail;

    /** Why the mail is not sent, for the delivery log, when the process is cancelled. */
    abstract String cancellationReason();

    @Override
    protected void onComplete(String lraId) {
        if (deliveries.release(lraId)) {
            mail.wakeUp();
        }
    }

    @Override
    protected void onCompensate(String lraId) {
        deliveries.cancel(lraId, cancellationReason());
    }
}
