package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.Role;
import dev.meridian.eventinfra.api.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sets an account's roles, as an administrator asked. A change made meanwhile by someone else fails the save
 * ({@link dev.meridian.eventinfra.api.ConcurrencyConflictException}) instead of being overwritten.
 */
@ApplicationScoped
public class ChangeRolesHandler {

    @Inject
    AccountRecords records;

    /** The account with its new roles. */
    @Transactional
    public Account handle(ChangeRoles command) {
        Set<Role> roles = Role.allOf(command.roles());
        Account account = records.accounts().load(command.userId())
                .orElseThrow(() -> new NoSuchAccountException(command.userId()));
        account.changeRoles(roles, command.administrator());
        records.accounts().save(command.userId(), account, new EventMetadata(Optional.of(UUID.randomUUID()),
                Optional.empty(), Optional.of(command.administrator().toString()), Map.of()));
        return account;
    }
}
