package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.token.PasswordResetTokens;
import dev.meridian.auth.token.RefreshTokens;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.sourcing.ConflictRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Auth's part in the erasure process. The step disables the account ({@code AccountDisabled}), revokes every
 * refresh token and stops every reset link; closing erases the account ({@code AccountErased}) and deletes its
 * address, credentials and tokens; cancelling lets it sign in again ({@code AccountRestored}). Each runs in its
 * own transaction with its record in the process log, tried again when a sign-in appends to the account at the same
 * moment; a repeated callback does nothing.
 */
@ApplicationScoped
public class AccountErasureHandler {

    @Inject
    AccountRecords records;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    PasswordResetTokens resetTokens;

    @Inject
    ProcessLog processLog;

    @Inject
    @ServerResource
    UserTransaction transaction;

    /**
     * Disables the account of {@code userId} for the erasure process {@code lraId}.
     *
     * @return false when the process was cancelled before this step
     * @throws NoSuchAccountException when there is no such account
     */
    public boolean disable(String lraId, UUID userId) {
        return ConflictRetries.inOwnTransaction(transaction, () -> {
            Account account = records.accounts().load(userId).orElseThrow(() -> new NoSuchAccountException(userId));
            ProcessLog.Joining joining = processLog.join(lraId, RegisterUserHandler.MODULE, userId,
                    "account disabled, sessions revoked");
            if (joining == ProcessLog.Joining.JOINED) {
                account.disableForErasure();
                save(userId, account);
                refreshTokens.revokeAll(userId);
                resetTokens.supersedeAll(userId);
            }
            return joining != ProcessLog.Joining.CANCELLED;
        });
    }

    /** The process closed: the account is erased with everything auth keeps about it. */
    public void erase(String lraId) {
        ConflictRetries.inOwnTransaction(transaction, () -> {
            processLog.complete(lraId, RegisterUserHandler.MODULE).ifPresent(userId -> {
                change(userId, Account::erase);
                records.eraseRecords(userId);
            });
            return null;
        });
    }

    /** The process was cancelled: the account may sign in again. */
    public void restore(String lraId) {
        ConflictRetries.inOwnTransaction(transaction, () -> {
            processLog.compensate(lraId, RegisterUserHandler.MODULE, "erasure cancelled")
                    .ifPresent(userId -> change(userId, Account::restoreAfterCancelledErasure));
            return null;
        });
    }

    private void change(UUID userId, Consumer<Account> change) {
        records.accounts().load(userId).ifPresent(account -> {
            change.accept(account);
            save(userId, account);
        });
    }

    private void save(UUID userId, Account account) {
        records.accounts().save(userId, account, new EventMetadata(Optional.empty(), Optional.empty(),
                Optional.of("erasure"), Map.of()));
    }
}
