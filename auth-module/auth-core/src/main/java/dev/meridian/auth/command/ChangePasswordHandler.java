package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.PasswordRules;
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
 * Changes a password with the current one: the hash is replaced, the account records {@code PasswordChanged}
 * keeping the session it was changed in, and every refresh token of every other session is revoked, in one
 * transaction. Both passwords are checked outside the transaction, as at sign-in: hashing holds no connection.
 */
@ApplicationScoped
public class ChangePasswordHandler {

    @Inject
    AccountRecords records;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    PasswordHashing hashing;

    @Inject
    @ServerResource
    UserTransaction transaction;

    /**
     * Changes the password.
     *
     * @return false when the current password is wrong, or stopped being current meanwhile (nothing changed)
     * @throws dev.meridian.auth.domain.WeakPasswordException when the new password breaks a rule
     * @throws NoSuchAccountException when the account has no password (it was erased)
     */
    public boolean handle(ChangePassword command) {
        Account account = records.accounts().load(command.userId())
                .orElseThrow(() -> new NoSuchAccountException(command.userId()));
        String storedHash = records.passwordHashOf(command.userId())
                .orElseThrow(() -> new NoSuchAccountException(command.userId()));
        if (!hashing.verify(command.currentPassword(), storedHash)) {
            return false;
        }
        PasswordRules.check(command.newPassword(), account.email());
        String passwordHash = hashing.hash(command.newPassword());
        return ConflictRetries.inOwnTransaction(transaction, () -> {
            if (!records.replacePasswordIfStill(command.userId(), storedHash, passwordHash)) {
                // reset or changed since the check: the password given is no longer the current one
                return false;
            }
            Account changed = records.accounts().load(command.userId())
                    .orElseThrow(() -> new NoSuchAccountException(command.userId()));
            changed.changePassword(command.sessionId());
            records.accounts().save(command.userId(), changed, new EventMetadata(Optional.of(command.sessionId()),
                    Optional.empty(), Optional.of(command.userId().toString()), Map.of()));
            refreshTokens.revokeAllBut(command.userId(), command.sessionId());
            return true;
        });
    }
}
