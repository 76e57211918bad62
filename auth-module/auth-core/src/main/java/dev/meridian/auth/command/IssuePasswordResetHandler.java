package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.token.PasswordResetTokens;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.sourcing.ConflictRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Auth's step in the password-reset process: the account records the request ({@code PasswordResetRequested}),
 * its older tokens stop working and a new one is issued, all in one transaction with the step's record in the
 * process log. A sign-in appending to the account at the same moment makes it try again, not fail.
 */
@ApplicationScoped
public class IssuePasswordResetHandler {

    @Inject
    AccountRecords records;

    @Inject
    PasswordResetTokens tokens;

    @Inject
    ProcessLog processLog;

    @Inject
    @ServerResource
    UserTransaction transaction;

    /**
     * The new token.
     *
     * @throws ResetCancelledException when the process was cancelled before this step
     * @throws dev.meridian.auth.domain.AccountStateException when the account is not active
     */
    public IssuedPasswordReset handle(IssuePasswordReset command) {
        return ConflictRetries.inOwnTransaction(transaction, () -> {
            if (processLog.join(command.lraId(), RegisterUserHandler.MODULE, command.userId(), "reset token issued")
                    != ProcessLog.Joining.JOINED) {
                throw new ResetCancelledException(command.lraId());
            }
            Account account = records.accounts().load(command.userId())
                    .orElseThrow(() -> new NoSuchAccountException(command.userId()));
            account.requestPasswordReset(command.expiresAt());
            records.accounts().save(command.userId(), account, new EventMetadata(Optional.empty(), Optional.empty(),
                    Optional.of("password-reset"), Map.of()));
            List<String> superseded = tokens.supersedeAll(command.userId());
            return new IssuedPasswordReset(tokens.issue(command.userId(), command.lraId(), command.expiresAt()),
                    superseded);
        });
    }
}
