package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.auth.domain.PasswordRules;
import dev.meridian.auth.domain.Role;
import dev.meridian.eventinfra.api.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates the configured administrator: an account with the user and admin roles, active at once (there is no
 * registration process to wait for), in one transaction with its email reservation and credentials.
 */
@ApplicationScoped
public class CreateAdminAccountHandler {

    @Inject
    AccountRecords records;

    @Inject
    PasswordHashing hashing;

    /** The new account's user id; empty when an account has the address already. */
    @Transactional
    public Optional<UUID> handle(CreateAdminAccount command) {
        EmailAddress email = EmailAddress.of(command.email());
        PasswordRules.check(command.password(), email);
        UUID userId = UUID.randomUUID();
        if (!records.reserveEmail(email, userId)) {
            return Optional.empty();
        }
        records.storeCredentials(userId, hashing.hash(command.password()));
        Account account = Account.register(userId, email, EnumSet.of(Role.USER, Role.ADMIN));
        account.activate();
        records.accounts().save(userId, account, new EventMetadata(Optional.of(UUID.randomUUID()),
                Optional.empty(), Optional.of("configuration"), Map.of()));
        return Optional.of(userId);
    }
}
