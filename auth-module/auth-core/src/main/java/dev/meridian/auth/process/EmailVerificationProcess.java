package dev.meridian.auth.process;

import dev.meridian.auth.command.AccountRecords;
import dev.meridian.auth.command.EmailAlreadyVerifiedException;
import dev.meridian.auth.command.InvalidVerificationTokenException;
import dev.meridian.auth.command.NoSuchAccountException;
import dev.meridian.auth.command.RegisterUserHandler;
import dev.meridian.auth.command.VerifyEmailHandler;
import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.AccountStateException;
import dev.meridian.auth.domain.AccountStatus;
import dev.meridian.auth.token.EmailVerificationTokens;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.module.Settings;
import dev.meridian.eventinfra.process.ProcessInitiator;
import dev.meridian.eventinfra.process.RunningProcess;
import dev.meridian.notification.api.VerificationMailRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Email verification. Registration mails the first link with the welcome mail ({@link #newLink}); the holder of
 * the account may ask for a new one ({@link #resend}), which makes the earlier ones stop working and is mailed at
 * once in a short process with the notification module; opening a link ({@link #confirm}) records
 * {@code EmailAddressVerified}. A link is {@code meridian.email-verification.link} followed by a token that works
 * once, for {@code meridian.email-verification.token-lifetime} (24 hours by default).
 *
 * <p>Counted as {@code meridian.email-verifications} (tagged {@code outcome}: mailed, failed, verified, refused).
 */
@ApplicationScoped
public class EmailVerificationProcess {

    /** The process type in the process log. */
    public static final String TYPE = "email-verification";
    /** Far longer than mailing takes; the coordinator cancels the process then, and an unsent mail never goes. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    @Inject
    AccountRecords records;

    @Inject
    EmailVerificationTokens tokens;

    @Inject
    VerifyEmailHandler verify;

    @Inject
    ProcessInitiator processes;

    @Inject
    MeterRegistry meterRegistry;

    private Meters meters;
    private Duration tokenLifetime;
    private String link;

    @PostConstruct
    void configure() {
        meters = new Meters(meterRegistry);
        Config config = ConfigProvider.getConfig(EmailVerificationProcess.class.getClassLoader());
        tokenLifetime = Settings.positiveDuration(config, "meridian.email-verification.token-lifetime",
                Duration.ofHours(24));
        link = config.getOptionalValue("meridian.email-verification.link", String.class)
                .orElse("http://localhost:8080/email-verification#token=");
    }

    /**
     * A link that verifies the address of the account {@code userId}; its earlier links stop working.
     *
     * @param url       the link
     * @param expiresAt when it stops working
     */
    public record Link(String url, Instant expiresAt) {

        @Override
        public String toString() {
            return "Link[withheld, expiresAt=" + expiresAt + "]";
        }
    }

    /** A new link for the account {@code userId}, for registration's welcome mail. */
    public Link newLink(UUID userId) {
        Instant expiresAt = Instant.now().plus(tokenLifetime);
        return new Link(link + tokens.issue(userId, expiresAt), expiresAt);
    }

    /**
     * Mails a new link to the address of the account {@code userId}, in {@code locale}.
     *
     * @throws EmailAlreadyVerifiedException when the address is verified already
     * @throws AccountStateException         when the account is not active
     * @throws RuntimeException              when the mail could not be asked for; the process was cancelled
     */
    public void resend(UUID userId, String locale) {
        Account account = records.accounts().load(userId).orElseThrow(() -> new NoSuchAccountException(userId));
        if (account.status() != AccountStatus.ACTIVE) {
            throw new AccountStateException("Only an active account's address can be verified", account.status());
        }
        if (account.emailVerified()) {
            throw new EmailAlreadyVerifiedException(userId);
        }
        Link fresh = newLink(userId);
        RunningProcess process = processes.begin(TYPE, userId, TIME_LIMIT);
        try {
            process.takeStep(VerificationMailRequest.PATH, Entity.json(new VerificationMailRequest(userId,
                    account.email().value(), locale, fresh.url(), fresh.expiresAt())), "notification");
            process.close();
            outcome("mailed");
        } catch (RuntimeException e) {
            outcome("failed");
            process.cancel(RegisterUserHandler.MODULE, e);
            throw e;
        }
    }

    /**
     * Verifies the address the token's link was mailed to.
     *
     * @throws InvalidVerificationTokenException when the token does not work
     */
    public void confirm(String token) {
        try {
            verify.handle(token);
            outcome("verified");
        } catch (InvalidVerificationTokenException e) {
            outcome("refused");
            throw e;
        }
    }

    private void outcome(String outcome) {
        meters.counter("meridian.email-verifications", "outcome", outcome).increment();
    }
}
