package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.PasswordRules;
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

/**
 * Sets a new password with a reset token: the token is used up, the password hash replaced, the account records
 * {@code PasswordChanged} (its sessions end) and every refresh token of the account is revoked, in one transaction.
 * The new password follows the registration's rules; a password that breaks them leaves the token working.
 */
@ApplicationScoped
public class ResetPasswordHandler {

    @Inject
    AccountRecords records;

    @Inject
    PasswordResetTokens tokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    PasswordHashing hashing;

    @Inject
    ProcessLog processLog;

    @Inject
    @ServerResource
    UserTransaction transaction;

    /**
     * Resets the password.
     *
     * @return the reset process (LRA id) the token belonged to, to be closed
     * @throws InvalidResetTokenException when the token does not work
     * @throws dev.meridian.auth.domain.WeakPasswordException when the new password breaks a rule
     */
    public String handle(ResetPassword command) {
        UUID userId = tokens.holder(command.token()).orElseThrow(InvalidResetTokenException::new);
        Account account = records.accounts().load(userId).orElseThrow(() -> new NoSuchAccountException(userId));
        PasswordRules.check(command.newPassword(), account.email());
        // the slow part, outside any transaction
        String passwordHash = hashing.hash(command.newPassword());
        return ConflictRetries.inOwnTransaction(transaction, () -> {
            PasswordResetTokens.Redeemed redeemed = tokens.redeem(command.token()).orElseThrow(InvalidResetTokenException::new);
            records.replacePassword(redeemed.userId(), passwordHash);
            Account reset = records.accounts().load(redeemed.userId())
                    .orElseThrow(() -> new NoSuchAccountException(redeemed.userId()));
            reset.changePasswordByReset();
            records.accounts().save(redeemed.userId(), reset, new EventMetadata(Optional.empty(), Optional.empty(),
                    Optional.of(redeemed.userId().toString()), Map.of()));
            refreshTokens.revokeAll(redeemed.userId());
            processLog.record(redeemed.lraId(), RegisterUserHandler.MODULE, "password changed", null);
            return redeemed.lraId();
        });
    }
}
