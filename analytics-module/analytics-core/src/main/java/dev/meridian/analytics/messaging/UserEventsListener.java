package dev.meridian.analytics.messaging;

import dev.meridian.analytics.api.AnalyticsDataExported;
import dev.meridian.analytics.query.AnalyticsExports;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.delivery.Delivered;
import dev.meridian.eventinfra.reply.PrivateReplies;
import dev.meridian.user.api.DataExportSection;
import dev.meridian.user.api.UserDataExportRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Analytics' part in the user module's data export: its section. Analytics keeps no streams of its own, so the
 * section has no events.
 */
@ApplicationScoped
public class UserEventsListener {

    @Inject
    AnalyticsExports exports;

    @Inject
    PrivateReplies replies;

    void on(@Observes @Delivered EventEnvelope<UserDataExportRequested> request) {
        UUID userId = request.event().userId();
        UUID exportId = request.event().exportId();
        replies.send(request, exportId, userId, new AnalyticsDataExported(exportId, userId), DataExportSection.of(
                exports.of(userId), List.of()));
    }
}
