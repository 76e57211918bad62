package dev.meridian.auth.messaging;

import dev.meridian.auth.api.AccountDataExported;
import dev.meridian.auth.command.AccountRecords;
import dev.meridian.auth.query.AccountExports;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.eventinfra.export.ExportSections;
import dev.meridian.user.api.UserDataExportRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;

/** Auth's answer to a person's data export: their account, sessions, password resets and account events. */
@ApplicationScoped
public class DataExportContributor {

    @Inject
    AccountExports exports;

    @Inject
    AccountRecords records;

    @Inject
    ExportSections sections;

    void on(@Observes @Delivered EventEnvelope<UserDataExportRequested> request) {
        UUID userId = request.event().userId();
        sections.answer(request, new AccountDataExported(request.event().exportId(), userId,
                sections.section(exports.of(userId), sections.stream(records.accounts().streamOf(userId)))));
    }
}
