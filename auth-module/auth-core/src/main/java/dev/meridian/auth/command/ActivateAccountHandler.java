package dev.meridian.auth.command;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;

/** The registration process closed: its account becomes active ({@code AccountActivated}), once. */
@ApplicationScoped
public class ActivateAccountHandler {

    @Inject
    AccountRecords records;

    @Inject
    ProcessLog processLog;

    @Transactional
    public void handle(String lraId) {
        processLog.complete(lraId, RegisterUserHandler.MODULE)
                .flatMap(userId -> records.accounts().load(userId).map(account -> {
                    account.activate();
                    return records.accounts().save(userId, account, new EventMetadata(Optional.empty(),
                            Optional.empty(), Optional.of("registration"), Map.of()));
                }));
    }
}
