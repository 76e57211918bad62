package dev.meridian.notification.mail;

import dev.meridian.eventinfra.module.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where and how mail goes, from MicroProfile Config: each setting as a {@code meridian.*} property or as the
 * environment variable README.md names.
 *
 * @param host          SMTP server
 * @param port          its port
 * @param user          user name, when the server wants a login
 * @param password      its password
 * @param startTls      whether to switch to TLS before logging in
 * @param from          the sender address
 * @param retryAttempts tries before a delivery is given up
 * @param retryDelays   waits before the 2nd, 3rd, ... try; the last repeats
 */
public record MailSettings(String host, int port, Optional<String> user, Optional<String> password, boolean startTls,
                           String from, int retryAttempts, List<Duration> retryDelays) {

    public MailSettings {
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("meridian.mail.retry.attempts must be at least 1");
        }
        if (retryDelays.isEmpty() || retryDelays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("meridian.mail.retry.delays must be durations of zero or more");
        }
        retryDelays = List.copyOf(retryDelays);
    }

    /** The settings in {@code config}, with the documented defaults. */
    public static MailSettings from(Config config) {
        return new MailSettings(
                Settings.text(config, "meridian.smtp.host", "SMTP_HOST").orElse("localhost"),
                Settings.text(config, "meridian.smtp.port", "SMTP_PORT").map(Integer::valueOf).orElse(25),
                Settings.text(config, "meridian.smtp.user", "SMTP_USER"),
                Settings.text(config, "meridian.smtp.password", "SMTP_PASSWORD"),
                Settings.text(config, "meridian.smtp.starttls", "SMTP_STARTTLS").map(Boolean::valueOf).orElse(false),
                Settings.text(config, "meridian.mail.from", "MAIL_FROM").orElse("Meridian <no-reply@meridian.invalid>"),
                Settings.text(config, "meridian.mail.retry.attempts", "MERIDIAN_MAIL_RETRY_ATTEMPTS")
                        .map(Integer::valueOf).orElse(10),
                Settings.durations(Settings.text(config, "meridian.mail.retry.delays", "MERIDIAN_MAIL_RETRY_DELAYS")
                        .orElse("PT10S,PT1M,PT5M,PT30M,PT2H")));
    }

    /** How long to wait after failed try number {@code attempts}. */
    public Duration delayAfter(int attempts) {
        return retryDelays.get(Math.min(attempts, retryDelays.size()) - 1);
    }
}
