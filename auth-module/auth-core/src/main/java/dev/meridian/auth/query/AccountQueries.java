package dev.meridian.auth.query;

import dev.meridian.auth.command.AccountRecords;
import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Accounts read from their streams. */
@ApplicationScoped
public class AccountQueries {

    @Inject
    AccountRecords records;

    /** The account {@code userId}; empty when there is none. */
    public Optional<AccountView> account(UUID userId) {
        return records.accounts().load(userId).map(this::view);
    }

    /** How {@code account}, just loaded or changed, is shown. */
    public AccountView view(Account account) {
        return new AccountView(account.userId(), account.email() == null ? null : account.email().value(),
                Role.wireNames(account.roles()), account.status().name(),
                records.accounts().createdAt(account.userId()).orElseThrow());
    }
}
