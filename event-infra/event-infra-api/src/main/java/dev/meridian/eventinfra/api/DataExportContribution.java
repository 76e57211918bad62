package dev.meridian.eventinfra.api;

import java.util.UUID;

/**
 * A module's answer to a person's data export: everything the module holds about them, as one JSON document. The
 * user module, which assembles exports, observes every event of this kind whatever module publishes it; the
 * module is the first part of the event's name. Implementations mark {@code userId} as the {@link DataSubject} and
 * {@code section} as {@link PersonalData}, so the store keeps the section encrypted and forgets it with the person.
 */
public interface DataExportContribution extends DomainEvent {

    /** The export this answers. */
    UUID exportId();

    /** The person exported. */
    UUID userId();

    /**
     * The module's section as a JSON object: {@code data} (what the module holds about the person, in its own
     * shape) and {@code events} (the person's events in the module's streams, personal data readable).
     */
    String section();
}
