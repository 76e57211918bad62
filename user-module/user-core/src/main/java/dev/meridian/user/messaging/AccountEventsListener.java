package dev.meridian.user.messaging;

import dev.meridian.auth.api.EmailAddressVerified;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.user.command.VerifyEmailHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The auth events the profile follows: a verified address. */
@ApplicationScoped
public class AccountEventsListener {

    @Inject
    VerifyEmailHandler verifyEmail;

    void on(@Observes @Delivered EventEnvelope<EmailAddressVerified> verified) {
        verifyEmail.handle(verified.event().userId());
    }
}
