package dev.meridian.auth.query;

import dev.meridian.auth.command.AccountRecords;
import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.Role;
import dev.meridian.eventinfra.api.EventStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** Accounts read from their streams. */
@ApplicationScoped
public class AccountQueries {

    @Inject
    AccountRecords records;

    @Inject
    EventStore eventStore;

    /** The account {@code userId}; empty when there is none. */
    public Optional<AccountView> account(UUID userId) {
        return records.accounts().load(userId).map(account -> new AccountView(account.userId(),
                account.email() == null ? null : account.email().value(),
                account.roles().stream().sorted().map(Role::wireName).toList(), account.status().name(),
                // the first event of the stream is the registration
                eventStore.readStream(records.accounts().streamOf(userId), 1, 1).get(0).occurredAt()));
    }
}
