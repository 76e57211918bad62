package dev.meridian.eventinfra.api;

import java.util.UUID;

/**
 * A module answered a person's data export: its section (everything it holds about them) is ready for the user
 * module, which assembles exports and observes every event of this kind whatever module publishes it; the module
 * is the first part of the event's name. The section itself is not in the event, which is kept for good and
 * published: it waits in event-infra until the archive is assembled. Carries no personal data.
 */
public interface DataExportContribution extends DomainEvent {

    /** The export this answers. */
    UUID exportId();

    /** The person exported. */
    UUID userId();
}
