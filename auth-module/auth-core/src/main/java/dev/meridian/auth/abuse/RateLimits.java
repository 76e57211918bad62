package dev.meridian.auth.abuse;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Auth's rate limits (README.md, Configuration). Sign-ins: all attempts per client address; refused attempts per
 * account and client address, and a slower budget of refused attempts per account wherever they come from. A
 * sign-in's failure is reserved in both before its password is checked and given back when the password was right,
 * so parallel guesses cannot overtake the count, and the owner's successful sign-ins never count. A guesser at one
 * address uses up only that address's share: the owner, elsewhere, still signs in. Only a guesser spread over many
 * addresses reaches the per-account budget, which bounds the guesses to at most 100 in any hour (ASVS 2.2.1)
 * at the price of slowing the owner too. Registrations and password-reset requests: per client address and per
 * email address (known or not, so a limit tells nothing about an account). New verification links: per account.
 */
@ApplicationScoped
public class RateLimits {

    private static final Duration RESERVATION_PATIENCE = Duration.ofSeconds(5);
    private static final Duration RESERVATION_RETRY = Duration.ofMillis(250);
    private static final int MOST_WAITING = 8;

    private final Semaphore waiting = new Semaphore(MOST_WAITING);

    @Inject
    DataSource dataSource;

    private RateLimiter limiter;
    private RateLimit loginsPerAddress;
    private RateLimit failedLoginsPerAccountAndAddress;
    private RateLimit failedLoginsPerAccount;
    private RateLimit registrationsPerAddress;
    private RateLimit registrationsPerAccount;
    private RateLimit passwordResetsPerAddress;
    private RateLimit passwordResetsPerAccount;
    private RateLimit emailVerificationsPerAccount;

    @PostConstruct
    void configure() {
        Config config = ConfigProvider.getConfig(RateLimits.class.getClassLoader());
        loginsPerAddress = limit(config, "meridian.rate-limit.logins-per-address", "30/PT1M");
        failedLoginsPerAccountAndAddress = limit(config,
                "meridian.rate-limit.failed-logins-per-account-and-address", "5/PT5M");
        // 50 at once and 50 more in the hour: at most 100 in any hour, ASVS 2.2.1's ceiling
        failedLoginsPerAccount = limit(config, "meridian.rate-limit.failed-logins-per-account", "50/PT1H");
        registrationsPerAddress = limit(config, "meridian.rate-limit.registrations-per-address", "10/PT1H");
        registrationsPerAccount = limit(config, "meridian.rate-limit.registrations-per-account", "3/PT1H");
        passwordResetsPerAddress = limit(config, "meridian.rate-limit.password-resets-per-address", "10/PT1H");
        passwordResetsPerAccount = limit(config, "meridian.rate-limit.password-resets-per-account", "3/PT1H");
        emailVerificationsPerAccount = limit(config, "meridian.rate-limit.email-verifications-per-account",
                "3/PT1H");
        limiter = new RateLimiter(dataSource);
    }

    /**
     * How long a sign-in from {@code address} to {@code email} must wait; empty when it may go ahead, in which case
     * a refused sign-in has been counted already: call {@link #loginSucceeded} when the password was right.
     */
    public Optional<Duration> beforeLogin(String address, String email) {
        Optional<Duration> wait = limiter.take("login-address:" + address, loginsPerAddress)
                .or(() -> reserveFailure(failuresKey(address, email)));
        if (wait.isPresent()) {
            return wait;
        }
        wait = limiter.take(failuresKey(email), failedLoginsPerAccount);
        wait.ifPresent(refused -> limiter.giveBack(failuresKey(address, email), failedLoginsPerAccountAndAddress));
        return wait;
    }

    /** The sign-in {@link #beforeLogin} let through had the right password: its reserved failure is given back. */
    public void loginSucceeded(String address, String email) {
        limiter.giveBack(failuresKey(address, email), failedLoginsPerAccountAndAddress);
        limiter.giveBack(failuresKey(email), failedLoginsPerAccount);
    }

    /**
     * Reserves a failure of the account and address pair. When none is left, other sign-ins of the pair may still
     * be in flight, each holding a reservation it gives back if its password was right: the owner signing in on
     * several devices at once. So a refused reservation is tried again for a while (a few password checks) before
     * the sign-in is refused. Only {@value #MOST_WAITING} sign-ins wait at once on a server, so that a guesser's
     * extra attempts cannot hold its request threads and its connections; beyond them a refusal is at once.
     */
    private Optional<Duration> reserveFailure(String key) {
        Optional<Duration> wait = limiter.take(key, failedLoginsPerAccountAndAddress);
        if (wait.isEmpty() || !waiting.tryAcquire()) {
            return wait;
        }
        try {
            long deadline = System.nanoTime() + RESERVATION_PATIENCE.toNanos();
            while (wait.isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(RESERVATION_RETRY.toMillis());
                wait = limiter.take(key, failedLoginsPerAccountAndAddress);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.release();
        }
        return wait;
    }

    private static String failuresKey(String address, String email) {
        return "login-failures:" + email + "|" + address;
    }

    private static String failuresKey(String email) {
        return "login-failures:" + email;
    }

    /** How long a registration from {@code address} of {@code email} must wait; empty when it may go ahead. */
    public Optional<Duration> beforeRegistration(String address, String email) {
        return limiter.take("registration-address:" + address, registrationsPerAddress)
                .or(() -> limiter.take("registration-account:" + email, registrationsPerAccount));
    }

    /** How long a password-reset request from {@code address} for {@code email} must wait; empty when it may go. */
    public Optional<Duration> beforePasswordReset(String address, String email) {
        return limiter.take("password-reset-address:" + address, passwordResetsPerAddress)
                .or(() -> limiter.take("password-reset-account:" + email, passwordResetsPerAccount));
    }

    /** How long the holder of {@code userId} must wait before another verification link is mailed; empty: go. */
    public Optional<Duration> beforeEmailVerification(UUID userId) {
        return limiter.take("email-verification-account:" + userId, emailVerificationsPerAccount);
    }

    private static RateLimit limit(Config config, String property, String fallback) {
        try {
            return RateLimit.parse(config.getOptionalValue(property, String.class).orElse(fallback));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": " + e.getMessage(), e);
        }
    }
}
