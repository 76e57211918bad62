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

/** Auth's part in the user module's data export: its section, the person's account, sessions, resets and events. */
@ApplicationScoped
public class UserEventsListener {

    @Inject
    AccountExports exports;

    @Inject
    AccountRecords records;

    @Inject
    ExportSections sections;

    void on(@Observes @Delivered EventEnvelope<UserDataExportRequested> request) {
        UUID userId = request.event().userId();
        sections.answer(request, new AccountDataExported(request.event().exportId(), userId), exports.of(userId),
                sections.stream(records.accounts().streamOf(userId)));
    }
}
