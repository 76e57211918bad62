package dev.meridian.user.messaging;

import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.PrivateReply;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.user.command.DataExports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The other modules' answers to data exports, whichever module publishes them (so not named after one source
 * module): the answer that completes an export assembles its archive.
 */
@ApplicationScoped
public class DataExportAnswersListener {

    @Inject
    DataExports exports;

    void on(@Observes @Delivered EventEnvelope<PrivateReply> answer) {
        exports.contribute(answer);
    }
}
