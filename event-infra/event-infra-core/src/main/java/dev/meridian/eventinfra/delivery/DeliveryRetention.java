package dev.meridian.eventinfra.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps delivery's bookkeeping bounded: inbox rows and resolved or discarded dead letters older than their
 * retention are deleted, in small batches so no delete holds locks for long. An inbox row must outlive any
 * redelivery of its event, so its retention (14 days by default) is far beyond the broker's redelivery window.
 * The relay keeps one checkpoint row per topic and nothing else, so it needs no retention.
 */
final class DeliveryRetention implements Runnable {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class.getName());
    private static final int BATCH = 10_000;

    private static final String PURGE_INBOX = """
            delete from event_infra.inbox where ctid = any(array(
                select ctid from event_infra.inbox where received_at < now() - make_interval(secs => ?) limit ?))
            """;
    private static final String PURGE_DEAD_LETTERS = """
            delete from event_infra.dead_letters where id = any(array(
                select id from event_infra.dead_letters
                where resolved_at < now() - make_interval(secs => ?) limit ?))
            """;

    private final DataSource dataSource;
    private final DeliverySettings settings;
    private volatile boolean running = true;

    DeliveryRetention(DataSource dataSource, DeliverySettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                purgeOnce();
                Thread.sleep(settings.retentionInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "Delivery retention failed; trying again at the next interval", e);
            }
        }
    }

    /** Deletes everything past its retention; returns how many rows. */
    long purgeOnce() throws SQLException {
        long inbox = purge(PURGE_INBOX, settings.inboxRetention());
        long deadLetters = purge(PURGE_DEAD_LETTERS, settings.deadLetterRetention());
        if (inbox + deadLetters > 0) {
            LOG.info(() -> "Retention removed " + inbox + " inbox rows and " + deadLetters + " closed dead letters");
        }
        return inbox + deadLetters;
    }

    private long purge(String statement, Duration retention) throws SQLException {
        long total = 0;
        try (Connection db = dataSource.getConnection();
             PreparedStatement purge = db.prepareStatement(statement)) {
            purge.setLong(1, retention.toSeconds());
            purge.setInt(2, BATCH);
            int deleted;
            do {
                deleted = purge.executeUpdate();
                total += deleted;
            } while (deleted == BATCH && running);
        }
        return total;
    }
}
