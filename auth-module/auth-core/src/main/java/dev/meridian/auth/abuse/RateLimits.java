package dev.meridian.auth.abuse;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Auth's rate limits (README.md, Configuration). Sign-ins: all attempts per client address; refused attempts per
 * account and client address, and a slower budget of refused attempts per account wherever they come from. A
 * sign-in's failure is reserved in both before its password is checked and given back when the password was right,
 * so parallel guesses cannot overtake the count, and the owner's successful sign-ins never count. A guesser at one
 * address uses up only that address's share: the owner, elsewhere, still signs in. Only a guesser spread over many
 * addresses reaches the per-account budget, which then bounds the guesses an hour (ASVS 2.2.1 asks for at most 100)
 * at the price of slowing the owner too. Registrations and password-reset requests: per client address and per
 * email address (known or not, so a limit tells nothing about an account).
 */
@ApplicationScoped
public class RateLimits {

    private static final Duration RESERVATION_PATIENCE = Duration.ofSeconds(5);
    private static final Duration RESERVATION_RETRY = Duration.ofMillis(100);

    @Resource(lookup = "java:jboss/datasources/MeridianDS")
    DataSource dataSource;

    private RateLimiter limiter;
    private RateLimit loginsPerAddress;
    private RateLimit failedLoginsPerAccountAndAddress;
    private RateLimit failedLoginsPerAccount;
    private RateLimit registrationsPerAddress;
    private RateLimit registrationsPerAccount;
    private RateLimit passwordResetsPerAddress;
    private RateLimit passwordResetsPerAccount;

    @PostConstruct
    void configure() {
        Config config = ConfigProvider.getConfig(RateLimits.class.getClassLoader());
        loginsPerAddress = limit(config, "meridian.rate-limit.logins-per-address", "30/PT1M");
        failedLoginsPerAccountAndAddress = limit(config,
                "meridian.rate-limit.failed-logins-per-account-and-address", "5/PT5M");
        failedLoginsPerAccount = limit(config, "meridian.rate-limit.failed-logins-per-account", "100/PT1H");
        registrationsPerAddress = limit(config, "meridian.rate-limit.registrations-per-address", "10/PT1H");
        registrationsPerAccount = limit(config, "meridian.rate-limit.registrations-per-account", "3/PT1H");
        passwordResetsPerAddress = limit(config, "meridian.rate-limit.password-resets-per-address", "10/PT1H");
        passwordResetsPerAccount = limit(config, "meridian.rate-limit.password-resets-per-account", "3/PT1H");
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
     * several devices at once. So a refused reservation is tried again for a while (about one password check)
     * before the sign-in is refused; a guesser's extra attempts only wait longer for their 429.
     */
    private Optional<Duration> reserveFailure(String key) {
        long deadline = System.nanoTime() + RESERVATION_PATIENCE.toNanos();
        Optional<Duration> wait = limiter.take(key, failedLoginsPerAccountAndAddress);
        while (wait.isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(RESERVATION_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return wait;
            }
            wait = limiter.take(key, failedLoginsPerAccountAndAddress);
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

    private static RateLimit limit(Config config, String property, String fallback) {
        try {
            return RateLimit.parse(config.getOptionalValue(property, String.class).orElse(fallback));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": " + e.getMessage(), e);
        }
    }
}
