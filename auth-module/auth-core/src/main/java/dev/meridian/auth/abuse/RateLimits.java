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
 * Auth's rate limits (README.md, Configuration). Sign-ins: all attempts per client address, and failed attempts
 * per email address, so guessing one account's password is slowed wherever the guesses come from, while its owner's
 * successful sign-ins never count. Registrations and password-reset requests: per client address and per email
 * address (known or not, so a limit tells nothing about an account).
 */
@ApplicationScoped
public class RateLimits {

    @Resource(lookup = "java:jboss/datasources/MeridianDS")
    DataSource dataSource;

    private RateLimiter limiter;
    private RateLimit loginsPerAddress;
    private RateLimit failedLoginsPerAccount;
    private RateLimit registrationsPerAddress;
    private RateLimit registrationsPerAccount;
    private RateLimit passwordResetsPerAddress;
    private RateLimit passwordResetsPerAccount;

    @PostConstruct
    void configure() {
        Config config = ConfigProvider.getConfig(RateLimits.class.getClassLoader());
        loginsPerAddress = limit(config, "meridian.rate-limit.logins-per-address", "30/PT1M");
        failedLoginsPerAccount = limit(config, "meridian.rate-limit.failed-logins-per-account", "5/PT5M");
        registrationsPerAddress = limit(config, "meridian.rate-limit.registrations-per-address", "10/PT1H");
        registrationsPerAccount = limit(config, "meridian.rate-limit.registrations-per-account", "3/PT1H");
        passwordResetsPerAddress = limit(config, "meridian.rate-limit.password-resets-per-address", "10/PT1H");
        passwordResetsPerAccount = limit(config, "meridian.rate-limit.password-resets-per-account", "3/PT1H");
        limiter = new RateLimiter(dataSource);
    }

    /** How long a sign-in from {@code address} to {@code email} must wait; empty when it may go ahead. */
    public Optional<Duration> beforeLogin(String address, String email) {
        return limiter.take("login-address:" + address, loginsPerAddress)
                .or(() -> limiter.exhausted("login-failures:" + email, failedLoginsPerAccount));
    }

    /** A sign-in to {@code email} was refused: it counts against the account's failures. */
    public void loginFailed(String email) {
        limiter.take("login-failures:" + email, failedLoginsPerAccount);
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
