package dev.meridian.auth.web;

import dev.meridian.auth.token.Sessions;
import java.time.Instant;
import java.util.UUID;

/**
 * One of the caller's sessions, as {@code GET /api/auth/sessions} lists it (API.md).
 *
 * @param sessionId     the session; {@code DELETE /api/auth/sessions/{sessionId}} ends it
 * @param createdAt     when it was signed in
 * @param lastUsedAt    when it was signed in or last refreshed
 * @param clientAddress the address it was signed in from; null when unknown (sessions older than this list)
 * @param userAgent     the client's {@code User-Agent} at sign-in; null when it sent none
 * @param current       whether it is the session of the token that asked
 */
public record SessionView(UUID sessionId, Instant createdAt, Instant lastUsedAt, String clientAddress,
                          String userAgent, boolean current) {

    static SessionView of(Sessions.Session session, UUID currentSession) {
        return new SessionView(session.sessionId(), session.createdAt(), session.lastUsedAt(),
                session.clientAddress().orElse(null), session.userAgent().orElse(null),
                session.sessionId().equals(currentSession));
    }
}
