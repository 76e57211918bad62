package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.AccountStatus;
import dev.meridian.auth.domain.Role;
import dev.meridian.auth.token.RefreshTokens;
import dev.meridian.auth.token.SessionTokenIssuer;
import dev.meridian.auth.token.SessionTokens;
import dev.meridian.auth.token.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Rotates a session's refresh token. The new access token carries the account's roles as they are now, so a role
 * change reaches a session at its next refresh. A session that was signed out, that began longer than the session
 * lifetime ago, or whose account is no longer active, gets nothing and is revoked.
 */
@ApplicationScoped
public class RefreshSessionHandler {

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AccountRecords records;

    @Inject
    SessionTokenIssuer issuer;

    @Inject
    Sessions sessions;

    /** The next pair of tokens; empty when the token is unknown, expired, used before or its session ended. */
    @Transactional
    public Optional<SessionTokens> handle(RefreshSession command) {
        RefreshTokens.Use use = refreshTokens.use(command.refreshToken());
        if (!use.current()) {
            return Optional.empty();
        }
        Optional<Instant> signedIn = sessions.startedAt(use.sessionId()).filter(sessions::withinLifetime);
        // a session past its lifetime is over whatever the account says: no need to load it
        Optional<Account> account = signedIn.flatMap(began -> records.accounts().load(use.userId()))
                .filter(found -> found.status() == AccountStatus.ACTIVE)
                .filter(found -> found.openSessions().contains(use.sessionId()));
        if (account.isEmpty()) {
            refreshTokens.revokeSession(use.sessionId());
            return Optional.empty();
        }
        sessions.used(use.sessionId());
        return Optional.of(issuer.issue(use.userId(), account.get().email().value(),
                Role.wireNames(account.get().roles()), use.sessionId(), signedIn.get()));
    }
}
