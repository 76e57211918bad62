package dev.meridian.analytics.api;

import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PrivateReply;
import java.util.UUID;

/**
 * Analytics answered a person's data export: its section (their last sign-in and a registration in progress;
 * its counts identify nobody) waits in event-infra for the user module. Carries no personal data.
 *
 * @param exportId the export
 * @param userId   the person
 */
@EventType(name = "analytics.AnalyticsDataExported")
public record AnalyticsDataExported(UUID exportId, UUID userId) implements PrivateReply {
}
