package dev.meridian.auth.messaging;

import dev.meridian.auth.api.AccountDataExported;
import dev.meridian.auth.command.AccountRecords;
import dev.meridian.auth.query.AccountExports;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.eventinfra.reply.PrivateReplies;
import dev.meridian.user.api.DataExportSection;
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
    PrivateReplies replies;

    @Inject
    EventStore eventStore;

    void on(@Observes @Delivered EventEnvelope<UserDataExportRequested> request) {
        UUID userId = request.event().userId();
        UUID exportId = request.event().exportId();
        replies.send(request, exportId, userId, new AccountDataExported(exportId, userId), DataExportSection.of(
                exports.of(userId), eventStore.readStream(records.accounts().streamOf(userId))));
    }
}
