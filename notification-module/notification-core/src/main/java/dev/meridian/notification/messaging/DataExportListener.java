package dev.meridian.notification.messaging;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.eventinfra.export.ExportSections;
import dev.meridian.notification.api.NotificationDataExported;
import dev.meridian.notification.command.Deliveries;
import dev.meridian.notification.query.NotificationExport;
import dev.meridian.notification.query.NotificationExports;
import dev.meridian.user.api.UserDataExportCompleted;
import dev.meridian.user.api.UserDataExportRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Notification's part in a person's data export: it answers with their delivery log and the events of those
 * deliveries, and mails them the link once the archive is ready.
 */
@ApplicationScoped
public class DataExportListener {

    @Inject
    NotificationExports exports;

    @Inject
    ExportSections sections;

    @Inject
    Deliveries deliveries;

    void on(@Observes @Delivered EventEnvelope<UserDataExportRequested> request) {
        UUID userId = request.event().userId();
        NotificationExport export = exports.of(userId);
        List<EventEnvelope<DomainEvent>> events = export.notifications().stream()
                .flatMap(notification -> sections.stream(Deliveries.streamOf(notification.notificationId())).stream())
                .toList();
        sections.answer(request, new NotificationDataExported(request.event().exportId(), userId,
                sections.section(export, events)));
    }

    void on(@Observes @Delivered UserDataExportCompleted completed) {
        deliveries.queueDataExportReady(completed.userId(), completed.email(), completed.locale(),
                completed.downloadUrl(), completed.expiresAt());
    }
}
