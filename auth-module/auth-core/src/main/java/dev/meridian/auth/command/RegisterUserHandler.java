package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.auth.domain.PasswordRules;
import dev.meridian.auth.domain.Role;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.process.ProcessLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * Creates a pending account (role {@code user}) with its email reservation and credentials, and records auth's
 * part in the registration process, in one transaction. The address' primary key decides between concurrent
 * registrations of one address: exactly one commits.
 */
@ApplicationScoped
public class RegisterUserHandler {

    /** The module's name in the process log. */
    public static final String MODULE = "auth";

    @Inject
    AccountRecords records;

    @Inject
    PasswordHashing hashing;

    @Inject
    ProcessLog processLog;

    /**
     * @throws IllegalArgumentException        when the address or the password breaks the rules
     * @throws EmailTakenException             when another account has the address
     * @throws RegistrationCancelledException when the process was cancelled before this step
     */
    @Transactional
    public void handle(RegisterUser command) {
        EmailAddress email = EmailAddress.of(command.email());
        PasswordRules.check(command.password(), email);
        // the slow part first: no statement has run, so no connection is held while it works
        String passwordHash = hashing.hash(command.password());
        ProcessLog.Joining joining = processLog.join(command.lraId(), MODULE, command.userId(),
                "account created, pending");
        if (joining == ProcessLog.Joining.CANCELLED) {
            throw new RegistrationCancelledException(command.lraId());
        }
        if (joining == ProcessLog.Joining.JOINED_BEFORE) {
            return;
        }
        if (!records.reserveEmail(email, command.userId())) {
            throw new EmailTakenException();
        }
        records.storeCredentials(command.userId(), passwordHash);
        Account account = Account.register(command.userId(), email, EnumSet.of(Role.USER));
        records.accounts().save(command.userId(), account, new EventMetadata(Optional.empty(), Optional.empty(),
                Optional.of(command.userId().toString()), Map.of()));
    }
}
