package dev.meridian.auth.process;

import dev.meridian.auth.command.AccountRecords;
import dev.meridian.auth.command.InvalidResetTokenException;
import dev.meridian.auth.command.IssuePasswordReset;
import dev.meridian.auth.command.IssuePasswordResetHandler;
import dev.meridian.auth.command.IssuedPasswordReset;
import dev.meridian.auth.command.RegisterUserHandler;
import dev.meridian.auth.command.ResetPassword;
import dev.meridian.auth.command.ResetPasswordHandler;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.auth.messaging.PasswordResetParticipant;
import dev.meridian.auth.query.AccountQueries;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.module.Settings;
import dev.meridian.eventinfra.process.LraCoordinator;
import dev.meridian.eventinfra.process.ProcessInitiator;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.process.RunningProcess;
import dev.meridian.eventinfra.process.StepFailedException;
import dev.meridian.notification.api.PasswordResetMailRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The password-reset process (DESIGN.md). For an active account: an LRA is started whose time limit is the token's
 * lifetime ({@code meridian.password-reset.token-lifetime}, 30 minutes by default), auth issues the token (older
 * ones stop working, and their processes are cancelled), and notification mails the link
 * ({@code meridian.password-reset.link} followed by the token). Using the token sets the password and closes the
 * LRA, whereupon notification mails the confirmation. When the time limit passes first, the coordinator cancels:
 * the token stops working and a reset mail not yet sent is never sent. An address without an active account gets
 * nothing, and nobody can tell it from the answer.
 *
 * <p>Outcomes are counted: {@code meridian.password-resets} (tagged {@code outcome}: done, failed) and
 * {@code meridian.password-reset.confirmations} (changed, refused). A request for an address without an account is
 * "done" like one that mailed a link: a metric must not tell whether an address has an account.
 */
@ApplicationScoped
public class PasswordResetProcess {

    /** The process type in the process log. */
    public static final String TYPE = "password-reset";

    private static final Logger LOG = Logger.getLogger(PasswordResetProcess.class.getName());

    @Inject
    AccountRecords records;

    @Inject
    AccountQueries accounts;

    @Inject
    IssuePasswordResetHandler issue;

    @Inject
    ResetPasswordHandler reset;

    @Inject
    ProcessLog processLog;

    @Inject
    ProcessInitiator processes;

    @Inject
    LraCoordinator coordinator;

    @Inject
    MeterRegistry meterRegistry;

    private Meters meters;
    private Duration tokenLifetime;
    private String link;

    @PostConstruct
    void configure() {
        meters = new Meters(meterRegistry);
        Config config = ConfigProvider.getConfig(PasswordResetProcess.class.getClassLoader());
        tokenLifetime = Settings.positiveDuration(config, "meridian.password-reset.token-lifetime",
                Duration.ofMinutes(30));
        link = config.getOptionalValue("meridian.password-reset.link", String.class)
                .orElse("http://localhost:8080/password-reset#token=");
    }

    /** How long a reset token works, for the start-up log. */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /**
     * Works on {@code request}: mails a reset link when the address has an active account, does nothing else.
     *
     * @throws RuntimeException when a step failed; the process was cancelled and the request may be tried again
     */
    public void run(PasswordResetRequest request) {
        Optional<UUID> userId = records.userIdOf(EmailAddress.of(request.email()))
                .filter(id -> accounts.account(id).filter(account -> account.status().equals("ACTIVE")).isPresent());
        if (userId.isEmpty()) {
            outcome("done");
            return;
        }
        Instant expiresAt = Instant.now().plus(tokenLifetime);
        RunningProcess process = processes.begin(TYPE, userId.get(), tokenLifetime);
        try {
            process.takeStep(PasswordResetParticipant.PATH, Entity.text(""), "auth");
            IssuedPasswordReset issued = issue.handle(new IssuePasswordReset(process.lraId(), userId.get(),
                    expiresAt));
            process.takeStep(PasswordResetMailRequest.PATH, Entity.json(new PasswordResetMailRequest(userId.get(),
                    request.email(), request.locale(), link + issued.token(), expiresAt)), "notification");
            issued.superseded().forEach(earlier -> coordinator.cancelQuietly(URI.create(earlier)));
            outcome("done");
        } catch (RuntimeException e) {
            outcome("failed");
            process.cancel(RegisterUserHandler.MODULE, e);
            throw e;
        }
    }

    /**
     * Sets a new password with a reset token and closes the token's process, which mails the confirmation. A
     * coordinator that cannot close it now does not undo the new password: the process then ends at its time
     * limit, without the confirmation mail.
     *
     * @throws InvalidResetTokenException when the token does not work
     * @throws dev.meridian.auth.domain.WeakPasswordException when the new password breaks a rule
     */
    public void confirm(ResetPassword command) {
        String lra;
        try {
            lra = reset.handle(command);
        } catch (InvalidResetTokenException e) {
            meters.counter("meridian.password-reset.confirmations", "outcome", "refused").increment();
            throw e;
        }
        meters.counter("meridian.password-reset.confirmations", "outcome", "changed").increment();
        try {
            coordinator.close(URI.create(lra));
        } catch (StepFailedException e) {
            LOG.warning(() -> "The password was reset, but its process " + lra + " could not be closed: "
                    + e.getMessage());
            processLog.record(lra, RegisterUserHandler.MODULE, "not closed", e.getMessage());
        }
    }

    private void outcome(String outcome) {
        meters.counter("meridian.password-resets", "outcome", outcome).increment();
    }
}
