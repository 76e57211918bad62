package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.AccountStateException;
import dev.meridian.auth.token.EmailVerificationTokens;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.sourcing.ConflictRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Verifies an account's address with a token from a verification link: the token is used up and the account
 * records {@code EmailAddressVerified}, in one transaction. A token of an account that is not active works for
 * nothing and stays unused.
 */
@ApplicationScoped
public class VerifyEmailHandler {

    @Inject
    AccountRecords records;

    @Inject
    EmailVerificationTokens tokens;

    @Inject
    @ServerResource
    UserTransaction transaction;

    /**
     * Verifies the address the token was mailed to.
     *
     * @return the account whose address is verified
     * @throws InvalidVerificationTokenException when the token does not work
     */
    public UUID handle(String token) {
        return ConflictRetries.inOwnTransaction(transaction, () -> {
            UUID userId = tokens.redeem(token).orElseThrow(InvalidVerificationTokenException::new);
            Account account = records.accounts().load(userId).orElseThrow(InvalidVerificationTokenException::new);
            try {
                account.verifyEmail();
            } catch (AccountStateException e) {
                throw new InvalidVerificationTokenException();
            }
            records.accounts().save(userId, account, new EventMetadata(Optional.empty(), Optional.empty(),
                    Optional.of(userId.toString()), Map.of()));
            return userId;
        });
    }
}
