package dev.meridian.eventinfra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.store.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DeliveryRetentionTest {

    private final DataSource database = TestDatabase.fresh();
    private final DeliverySettings settings = new DeliverySettings("test", "user", "password", 500,
            Duration.ofSeconds(1), 2, 100, 4, List.of(Duration.ofMillis(100)), 1000, Duration.ofMillis(50),
            Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(30), Duration.ofHours(1), 10_000,
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(1), false);

    @Test
    void removesOnlyInboxRowsAndClosedDeadLettersPastTheirRetention() throws SQLException {
        execute("""
                insert into event_infra.inbox (consumer, event_id, received_at) values
                    ('analytics', gen_random_uuid(), now() - interval '15 days'),
                    ('analytics', gen_random_uuid(), now() - interval '13 days')
                """);
        UUID oldResolved = deadLetter("RESOLVED", "31 days");
        UUID recentDiscarded = deadLetter("DISCARDED", "29 days");
        UUID oldParked = deadLetter("PARKED", null);

        long removed = new DeliveryRetention(database, settings).purgeOnce();

        assertThat(removed).isEqualTo(2);
        assertThat(count("select count(*) from event_infra.inbox")).isEqualTo(1);
        assertThat(ids()).containsExactlyInAnyOrder(recentDiscarded, oldParked).doesNotContain(oldResolved);
    }

    @Test
    void removesEndedProcessesPastTheirRetentionWithTheirStepsButKeepsRunningOnes() throws SQLException {
        process("old-closed", "CLOSED", "31 days");
        process("recent-cancelled", "CANCELLED", "29 days");
        process("old-running", "RUNNING", null);

        long removed = new DeliveryRetention(database, settings).purgeOnce();

        assertThat(removed).isEqualTo(1);
        assertThat(count("select count(*) from event_infra.processes where lra_id = 'old-closed'")).isZero();
        assertThat(count("select count(*) from event_infra.process_steps where lra_id = 'old-closed'")).isZero();
        assertThat(count("select count(*) from event_infra.process_participants where lra_id = 'old-closed'"))
                .isZero();
        assertThat(count("select count(*) from event_infra.processes")).isEqualTo(2);
        assertThat(count("select count(*) from event_infra.process_steps")).isEqualTo(2);
        assertThat(count("select count(*) from event_infra.process_participants")).isEqualTo(2);
    }

    private void process(String lraId, String status, String endedAgo) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement process = db.prepareStatement("""
                     insert into event_infra.processes (id, lra_id, type, subject_id, status, started_at, ended_at)
                     values (gen_random_uuid(), ?, 'registration', gen_random_uuid(), ?, now() - interval '40 days',
                             now() - ?::interval)
                     """);
             PreparedStatement step = db.prepareStatement(
                     "insert into event_infra.process_steps (lra_id, module, step) values (?, 'auth', 'joined')");
             PreparedStatement part = db.prepareStatement("insert into event_infra.process_participants"
                     + " (lra_id, module, state) values (?, 'auth', 'COMPLETED')")) {
            process.setString(1, lraId);
            process.setString(2, status);
            process.setString(3, endedAgo);
            process.executeUpdate();
            step.setString(1, lraId);
            step.executeUpdate();
            part.setString(1, lraId);
            part.executeUpdate();
        }
    }

    private UUID deadLetter(String status, String resolvedAgo) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection db = database.getConnection();
             PreparedStatement insert = db.prepareStatement("""
                     insert into event_infra.dead_letters (id, consumer, event_id, event_type, event_version,
                         stream_id, stream_version, global_position, occurred_at, envelope, status, created_at,
                         resolved_at)
                     values (?, 'analytics', gen_random_uuid(), 'auth.UserRegistered', 1, 'account-1', 1, 1, now(),
                             '{}', ?, now() - interval '40 days', now() - ?::interval)
                     """)) {
            insert.setObject(1, id);
            insert.setString(2, status);
            insert.setString(3, resolvedAgo);
            insert.executeUpdate();
        }
        return id;
    }

    private List<UUID> ids() throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = database.getConnection();
             Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("select id from event_infra.dead_letters")) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private long count(String sql) throws SQLException {
        try (Connection db = database.getConnection();
             Statement query = db.createStatement();
             ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
