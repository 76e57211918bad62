package dev.meridian.eventinfra.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps event-infra's bookkeeping bounded: inbox rows, resolved or discarded dead letters, and ended processes
 * (with their steps and parts) older than their retention are deleted, in small batches so no delete holds locks
 * for long. A process still running is kept however old: its LRA may still call back. An inbox row must outlive any
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

    // the steps and parts go with their process, in the same statement
    private static final String PURGE_PROCESSES = """
            with ended as (
                delete from event_infra.processes where id = any(array(
                    select id from event_infra.processes
                    where ended_at < now() - make_interval(secs => ?) limit ?))
                returning lra_id),
            steps as (delete from event_infra.process_steps where lra_id in (select lra_id from ended)),
            parts as (delete from event_infra.process_participants where lra_id in (select lra_id from ended))
            select count(*) from ended
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
        long processes = purge(PURGE_PROCESSES, settings.processRetention());
        if (inbox + deadLetters + processes > 0) {
            LOG.info(() -> "Retention removed " + inbox + " inbox rows, " + deadLetters + " closed dead letters and "
                    + processes + " ended processes");
        }
        return inbox + deadLetters + processes;
    }

    private static long counted(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.getResultSet()) {
            row.next();
            return row.getLong(1);
        }
    }

    private long purge(String statement, Duration retention) throws SQLException {
        long total = 0;
        try (Connection db = dataSource.getConnection();
             PreparedStatement purge = db.prepareStatement(statement)) {
            purge.setLong(1, retention.toSeconds());
            purge.setInt(2, BATCH);
            long deleted;
            do {
                // a plain delete reports its count; the processes' statement answers it as its one row
                deleted = purge.execute() ? counted(purge) : purge.getUpdateCount();
                total += deleted;
            } while (deleted == BATCH && running);
        }
        return total;
    }
}
