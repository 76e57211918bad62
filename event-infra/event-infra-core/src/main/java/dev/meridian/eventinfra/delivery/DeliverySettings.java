package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.module.Settings;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * How delivery behaves, from MicroProfile Config (system properties, then environment variables such as
 * {@code MERIDIAN_DELIVERY_RETRY_ATTEMPTS}); every value has a default. README.md lists them.
 *
 * @param nodeId                the name this server goes by in relay and projection bookkeeping
 * @param brokerUser            the broker account the relay and the consumers use
 * @param brokerPassword        its password
 * @param relayBatchSize        events per relay transaction
 * @param pollInterval          how often relays and projections look for events nobody told them about
 * @param sessionsPerConsumer   concurrent sessions per consuming module and topic
 * @param deliveryBatchSize     most events a session takes off the broker and applies in one transaction
 * @param attempts              deliveries of one event to one consumer before it is parked
 * @param retryDelays           the wait before the 2nd, 3rd, ... attempt; the last one repeats
 * @param projectionBatchSize   events per projection transaction
 * @param projectionInterval    least time between the starts of two live projection batches while commits keep
 *                              coming, so that a batch takes several commits' events
 * @param inboxRetention        how long a consumer remembers the events it accepted
 * @param deadLetterRetention   how long resolved and discarded dead letters are kept
 * @param processRetention      how long ended processes stay in the process log
 * @param retentionInterval     how often retention runs
 * @param maxReadyLag           readiness fails while a relay or a live projection is further behind than this
 * @param lockIdleLimit         how long a relay or projection batch may leave its transaction idle before PostgreSQL
 *                              ends it and frees its lock for another server
 * @param auditInterval         how often the delivery auditor looks; zero turns it off
 * @param auditGrace            how long after the relay sent an event the auditor expects every consumer to have
 *                              accounted for it; longer than all retries in place together
 * @param unaccountedNotReady   whether readiness fails while the auditor finds events unaccounted for
 */
public record DeliverySettings(String nodeId, String brokerUser, String brokerPassword, int relayBatchSize,
                               Duration pollInterval, int sessionsPerConsumer, int deliveryBatchSize, int attempts,
                               List<Duration> retryDelays, int projectionBatchSize,
                               Duration projectionInterval, Duration inboxRetention,
                               Duration deadLetterRetention, Duration processRetention,
                               Duration retentionInterval, long maxReadyLag,
                               Duration lockIdleLimit, Duration auditInterval, Duration auditGrace,
                               boolean unaccountedNotReady) {

    public DeliverySettings {
        retryDelays = List.copyOf(retryDelays);
        if (deliveryBatchSize < 1) {
            throw new IllegalArgumentException("meridian.delivery.batch-size must be at least 1");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("meridian.delivery.retry.attempts must be at least 1");
        }
        if (retryDelays.isEmpty()) {
            throw new IllegalArgumentException("meridian.delivery.retry.delays needs at least one delay");
        }
        Duration retriesInPlace = Duration.ZERO;
        for (int attempt = 2; attempt <= attempts; attempt++) {
            retriesInPlace = retriesInPlace.plus(delayBefore(retryDelays, attempt));
        }
        if (!auditInterval.isZero() && auditGrace.compareTo(retriesInPlace) <= 0) {
            throw new IllegalArgumentException("meridian.delivery.audit.grace (" + auditGrace + ") must be longer"
                    + " than the retries in place together (" + retriesInPlace + "), or the auditor would count an"
                    + " event being retried as unaccounted");
        }
        if (auditInterval.isNegative()) {
            throw new IllegalArgumentException("meridian.delivery.audit.interval must not be negative");
        }
    }

    /** The settings as configured. */
    public static DeliverySettings from(Config config) {
        return new DeliverySettings(
                // the server configuration reads these with the same names, so they mean the same everywhere
                Settings.text(config, "meridian.node.id", "MERIDIAN_NODE_ID").orElse("meridian-1"),
                Settings.text(config, "meridian.broker.user", "BROKER_USER").orElse("meridian"),
                Settings.text(config, "meridian.broker.password", "BROKER_PASSWORD").orElseThrow(() ->
                        new IllegalArgumentException("meridian.broker.password (BROKER_PASSWORD) is not set: the"
                                + " launcher makes one on the first start; a server started otherwise needs the"
                                + " password of its account on the broker")),
                config.getOptionalValue("meridian.relay.batch-size", Integer.class).orElse(500),
                duration(config, "meridian.delivery.poll-interval", "PT1S"),
                config.getOptionalValue("meridian.delivery.sessions", Integer.class).orElse(2),
                config.getOptionalValue("meridian.delivery.batch-size", Integer.class).orElse(100),
                config.getOptionalValue("meridian.delivery.retry.attempts", Integer.class).orElse(4),
                Settings.durations(config.getOptionalValue("meridian.delivery.retry.delays", String.class)
                        .orElse("PT0.2S,PT1S,PT5S")),
                config.getOptionalValue("meridian.projection.batch-size", Integer.class).orElse(1000),
                duration(config, "meridian.projection.min-interval", "PT0.05S"),
                duration(config, "meridian.retention.inbox", "P14D"),
                duration(config, "meridian.retention.dead-letters", "P30D"),
                duration(config, "meridian.retention.processes", "P30D"),
                duration(config, "meridian.retention.interval", "PT1H"),
                config.getOptionalValue("meridian.readiness.max-lag", Long.class).orElse(10_000L),
                duration(config, "meridian.delivery.lock-idle-limit", "PT30S"),
                duration(config, "meridian.delivery.audit.interval", "PT10S"),
                duration(config, "meridian.delivery.audit.grace", "PT1M"),
                config.getOptionalValue("meridian.readiness.fail-on-unaccounted", Boolean.class).orElse(false));
    }

    /** Whether the delivery auditor runs. */
    public boolean audits() {
        return !auditInterval.isZero();
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    public Duration delayBefore(int attempt) {
        return delayBefore(retryDelays, attempt);
    }

    private static Duration delayBefore(List<Duration> retryDelays, int attempt) {
        return retryDelays.get(Math.min(attempt - 2, retryDelays.size() - 1));
    }

    private static Duration duration(Config config, String name, String fallback) {
        return Duration.parse(config.getOptionalValue(name, String.class).orElse(fallback));
    }
}
