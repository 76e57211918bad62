package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.PrivateReply;
import java.util.UUID;

/**
 * Auth answered a person's data export: its section (their account, sessions and password resets, and the
 * events of their account; never a password hash or a token) waits in event-infra for the user module. Carries no personal data.
 *
 * @param exportId the export
 * @param userId   the person
 */
@EventType(name = "auth.AccountDataExported")
public record AccountDataExported(UUID exportId, UUID userId) implements PrivateReply {
}
