package dev.meridian.user.messaging;

import dev.meridian.eventinfra.api.DataExportContribution;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.user.command.DataExports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Receives every module's section of a data export, whichever module publishes it, for the archive. */
@ApplicationScoped
public class DataExportAssembler {

    @Inject
    DataExports exports;

    void on(@Observes @Delivered EventEnvelope<DataExportContribution> answer) {
        exports.contribute(answer);
    }
}
