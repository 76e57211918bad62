package dev.meridian.auth.command;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/**
 * The registration process was cancelled: the pending account records {@code RegistrationCancelled}, and its
 * address and credentials are deleted, so the address is free again. Once; a cancellation before the account was
 * created leaves a mark in the process log that stops it from being created later.
 */
@ApplicationScoped
public class CancelRegistrationHandler {

    @Inject
    AccountRecords records;

    @Inject
    ProcessLog processLog;

    @Transactional
    public void handle(String lraId) {
        processLog.compensate(lraId, RegisterUserHandler.MODULE, "registration cancelled").ifPresent(userId -> {
            records.accounts().load(userId).ifPresent(account -> {
                account.cancelRegistration("registration cancelled");
                records.accounts().save(userId, account, new EventMetadata(Optional.empty(), Optional.empty(),
                        Optional.of("registration"), Map.of()));
            });
            records.forgetRegistration(userId);
        });
    }
}
