package dev.meridian.notification.messaging;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.eventinfra.reply.PrivateReplies;
import dev.meridian.notification.api.NotificationDataExported;
import dev.meridian.notification.command.Deliveries;
import dev.meridian.notification.query.NotificationExport;
import dev.meridian.notification.query.NotificationExports;
import dev.meridian.user.api.DataExportSection;
import dev.meridian.user.api.UserDataExportCompleted;
import dev.meridian.user.api.UserDataExportRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Notification's part in the user module's data export: its section (the person's delivery log and the events of
 * those deliveries), and the mail with the link once the archive is ready.
 */
@ApplicationScoped
public class UserEventsListener {

    private static final Logger LOG = Logger.getLogger(UserEventsListener.class.getName());

    @Inject
    NotificationExports exports;

    @Inject
    PrivateReplies replies;

    @Inject
    EventStore eventStore;

    @Inject
    Deliveries deliveries;

    void on(@Observes @Delivered EventEnvelope<UserDataExportRequested> request) {
        UUID userId = request.event().userId();
        NotificationExport export = exports.of(userId);
        List<EventEnvelope<DomainEvent>> events = export.notifications().stream()
                .flatMap(notification -> eventStore.readStream(Deliveries.streamOf(notification.notificationId()))
                        .stream())
                .toList();
        UUID exportId = request.event().exportId();
        replies.send(request, exportId, userId, new NotificationDataExported(exportId, userId),
                DataExportSection.of(export, events));
    }

    void on(@Observes @Delivered UserDataExportCompleted completed) {
        if (completed.email() == null) {
            // the person was erased before this arrived: there is nobody to tell, and no address to keep
            LOG.info(() -> "Not mailing data export " + completed.exportId() + ": its person was erased");
            return;
        }
        deliveries.queueDataExportReady(completed.userId(), completed.email(), completed.locale(),
                completed.downloadUrl(), completed.expiresAt());
    }
}
