package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.token.RefreshTokens;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.sourcing.ConflictRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.Map;
import java.util.Optional;

/**
 * Ends a session: its refresh tokens are revoked and the account records {@code UserLoggedOut}. Its access token
 * stays valid until it expires, as every module checks it without asking auth. Ending a session twice changes
 * nothing the second time.
 */
@ApplicationScoped
public class LogOutHandler {

    @Inject
    AccountRecords records;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    @ServerResource
    UserTransaction transaction;

    public void handle(LogOut command) {
        ConflictRetries.inOwnTransaction(transaction, () -> {
            refreshTokens.revokeSession(command.sessionId());
            Optional<Account> account = records.accounts().load(command.userId());
            account.ifPresent(found -> {
                found.logOut(command.sessionId());
                records.accounts().save(command.userId(), found, new EventMetadata(
                        Optional.of(command.sessionId()), Optional.empty(), Optional.of(command.userId().toString()),
                        Map.of()));
            });
            return account.isPresent();
        });
    }
}
