package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.jdbc.Statements;
import io.micrometer.core.instrument.Tag;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Proves continuously what the fault tests prove once: every event a consumer should have received is accounted
 * for. For each consumer running on this server and each topic it reads, the auditor checks each event of the
 * consumer's types once, in global order up to a <em>settled</em> position, the position the topic's relay had
 * reached at least {@code meridian.delivery.audit.grace} ago (the last sample this server took of it that old):
 * the consumer must have the event in its inbox (applied, or parked with its inbox row) or among its dead letters
 * (parked, or waiting behind a parked one). An event retried in place has neither yet, which is why the grace must
 * outlast every retry. An event without either is unaccounted: recorded in {@code event_infra.unaccounted_events},
 * logged, counted in {@code meridian_delivery_unaccounted_events{consumer}}, in readiness and on the console, and
 * looked at again every round until it is accounted for (a late delivery) or an operator removes the cause.
 *
 * <p>An event the relay skipped is unaccounted at every consumer of its type; one lost between the broker and a
 * consumer, or dropped by a consumer without its inbox row, at that consumer. A server that has just started has no
 * sample old enough and audits nothing until the grace has passed.
 *
 * <p>Cost: per event of a consumer's types, one look-up in the inbox's primary key and one in the dead letters'
 * unique key, once; a round is one transaction per consumer and topic, locked like a relay's checkpoint so that one
 * server at a time audits each.
 */
final class DeliveryAuditor extends BatchLoop {

    private static final Logger LOG = Logger.getLogger(DeliveryAuditor.class.getName());
    /** Positions one round audits at most per consumer and topic; a longer way is gone on at once. */
    private static final long MAX_POSITIONS_PER_ROUND = 50_000;

    private static final String RELAY_POSITIONS = "select topic, position from event_infra.relay_checkpoints";
    private static final String CREATE_AUDIT = """
            insert into event_infra.delivery_audits (consumer, topic, position, event_types) values (?, ?, ?, ?)
            on conflict do nothing
            """;
    // the position, unless the consumer's types on the topic changed or the audit stood still longer than inbox rows
    // are kept: then the range behind is unknowable, and the audit starts again at the settled position
    private static final String LOCK_AUDIT = """
            select case when event_types @> ?::text[] and event_types <@ ?::text[]
                             and audited_at > now() - make_interval(secs => ?) then position end
            from event_infra.delivery_audits where consumer = ? and topic = ? for update skip locked
            """;
    private static final String AUDIT_RANGE = """
            with audited as (
                select e.event_id, e.global_position,
                       not exists (select 1 from event_infra.inbox i where i.consumer = ? and i.event_id = e.event_id)
                       and not exists (select 1 from event_infra.dead_letters d
                                       where d.consumer = ? and d.event_id = e.event_id) as unaccounted
                from event_infra.events e
                where e.global_position > ? and e.global_position <= ? and e.event_type = any(?)),
            found as (
                insert into event_infra.unaccounted_events (consumer, event_id, topic, global_position)
                select ?, event_id, ?, global_position from audited where unaccounted
                on conflict do nothing
                returning global_position, event_id)
            select (select count(*) from audited), (select count(*) from found),
                   (select event_id from found order by global_position limit 1),
                   (select min(global_position) from found)
            """;
    private static final String MOVE_AUDIT = """
            update event_infra.delivery_audits
               set position = ?, audited_events = audited_events + ?, audited_at = now(), event_types = ?
             where consumer = ? and topic = ?
            """;
    private static final String ACCOUNTED_FOR_NOW = """
            delete from event_infra.unaccounted_events u
             where u.consumer = ? and u.topic = ?
               and (exists (select 1 from event_infra.inbox i where i.consumer = u.consumer and i.event_id = u.event_id)
                    or exists (select 1 from event_infra.dead_letters d
                               where d.consumer = u.consumer and d.event_id = u.event_id))
            returning event_id
            """;

    /** A relay's position as this server saw it, when. */
    private record Sample(long takenAtNanos, long position) {
    }

    private final Map<String, ConsumingModule> consumers;
    private final DataSource dataSource;
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;
    private final Map<String, Deque<Sample>> samplesByTopic = new ConcurrentHashMap<>();
    private final Map<String, Long> unaccountedByConsumer = new ConcurrentHashMap<>();
    private boolean cappedLastRound;

    DeliveryAuditor(Map<String, ConsumingModule> consumers, DataSource dataSource, DeliverySettings settings,
                    DeliveryMetrics metrics) {
        super(1, settings.auditInterval(), settings.auditInterval());
        this.consumers = consumers;
        this.dataSource = dataSource;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    protected void starting() {
        LOG.info(() -> "Auditing deliveries every " + settings.auditInterval() + ", " + settings.auditGrace()
                + " after the relays sent them");
    }

    @Override
    protected void failed(Exception failure) {
        LOG.log(Level.WARNING, "Auditing deliveries failed; trying again in " + settings.auditInterval(), failure);
    }

    @Override
    protected boolean goesOnAtOnce(int handled) {
        return cappedLastRound;
    }

    /** One round over every consumer and topic of this server; returns how many events it audited. */
    @Override
    protected int runBatch() throws SQLException {
        long started = System.nanoTime();
        Map<String, Long> settled = settledPositions();
        cappedLastRound = false;
        long audited = 0;
        for (ConsumingModule consumer : List.copyOf(consumers.values())) {
            for (String topic : consumer.topics()) {
                Long position = settled.get(topic);
                if (position != null) {
                    audited += audit(consumer, topic, position);
                }
            }
        }
        Map<String, Long> unaccounted = UnaccountedEvents.countPerConsumer(dataSource);
        consumers.keySet().forEach(name -> {
            // a consumer's gauge comes with its first round (a round starts at once, before any grace has passed)
            if (unaccountedByConsumer.put(name, unaccounted.getOrDefault(name, 0L)) == null) {
                registerGauge(name);
            }
        });
        metrics.audited(audited, Duration.ofNanos(System.nanoTime() - started));
        return (int) Math.min(Integer.MAX_VALUE, audited);
    }

    /** The unaccounted events of {@code consumer} as the last round found them, for its gauge. */
    long unaccounted(String consumer) {
        return unaccountedByConsumer.getOrDefault(consumer, 0L);
    }

    private void registerGauge(String consumer) {
        metrics.registry().gauge("meridian.delivery.unaccounted.events", List.of(Tag.of("consumer", consumer)), this,
                auditor -> auditor.unaccounted(consumer));
    }

    /** Samples every relay's position now; answers, per topic, the newest sample at least the grace old. */
    private Map<String, Long> settledPositions() {
        long now = System.nanoTime();
        Map<String, Long> settled = new HashMap<>();
        Statements.query(dataSource, "read the relays' positions", RELAY_POSITIONS,
                        row -> Map.entry(row.getString(1), row.getLong(2)))
                .forEach(relay -> {
                    Deque<Sample> samples = samplesByTopic.computeIfAbsent(relay.getKey(), t -> new ArrayDeque<>());
                    samples.addLast(new Sample(now, relay.getValue()));
                    // the newest sample old enough is the settled one; older ones are of no more use
                    Sample settledSample = null;
                    while (now - samples.peekFirst().takenAtNanos() >= settings.auditGrace().toNanos()) {
                        settledSample = samples.pollFirst();
                    }
                    if (settledSample != null) {
                        samples.addFirst(settledSample);
                        settled.put(relay.getKey(), settledSample.position());
                    }
                });
        return settled;
    }

    private long audit(ConsumingModule consumer, String topic, long settled) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                RoundTransactions.begin(db, settings.lockIdleLimit());
                // planned for its values: a generic plan of the range read joins the consumer's whole inbox
                RoundTransactions.planAsConfigured(db);
                Array types = db.createArrayOf("text", typesOn(consumer, topic));
                // a consumer audited for the first time is audited from here: it may have been subscribed later
                Statements.update(db, "start a delivery audit", CREATE_AUDIT, consumer.name(), topic, settled, types);
                Optional<LockedAudit> locked = lockedAudit(db, consumer.name(), topic, types);
                long audited = 0;
                if (locked.isPresent()) {
                    long position = locked.get().afresh() ? settled : locked.get().position();
                    if (locked.get().afresh()) {
                        LOG.info(() -> "Auditing " + consumer.name() + " on " + topic + " afresh from position "
                                + settled + ": its event types changed, or it was not audited for longer than the"
                                + " inbox keeps its rows");
                    }
                    long upTo = Math.max(position, Math.min(settled, position + MAX_POSITIONS_PER_ROUND));
                    cappedLastRound |= upTo < settled;
                    audited = auditRange(db, consumer, topic, types, position, upTo);
                    accountedForNow(db, consumer.name(), topic);
                }
                db.commit();
                return audited;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private static String[] typesOn(ConsumingModule consumer, String topic) {
        return consumer.eventTypes().stream().filter(type -> Topics.topicOf(type).equals(topic)).sorted()
                .toArray(String[]::new);
    }

    /**
     * An audit's row, locked for the round.
     *
     * @param position how far it has audited
     * @param afresh   whether it must start again at the settled position instead
     */
    private record LockedAudit(long position, boolean afresh) {
    }

    /** The audit's row, locked; empty when another server audits it now. */
    private Optional<LockedAudit> lockedAudit(Connection db, String consumer, String topic, Array types)
            throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(LOCK_AUDIT)) {
            lock.setArray(1, types);
            lock.setArray(2, types);
            lock.setLong(3, settings.inboxRetention().toSeconds());
            lock.setString(4, consumer);
            lock.setString(5, topic);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long position = row.getLong(1);
                return Optional.of(new LockedAudit(position, row.wasNull()));
            }
        }
    }

    private long auditRange(Connection db, ConsumingModule consumer, String topic, Array types, long after,
                            long upTo) throws SQLException {
        String name = consumer.name();
        long audited;
        try (PreparedStatement audit = db.prepareStatement(AUDIT_RANGE)) {
            audit.setString(1, name);
            audit.setString(2, name);
            audit.setLong(3, after);
            audit.setLong(4, upTo);
            audit.setArray(5, types);
            audit.setString(6, name);
            audit.setString(7, topic);
            try (ResultSet row = audit.executeQuery()) {
                row.next();
                audited = row.getLong(1);
                long found = row.getLong(2);
                if (found > 0) {
                    String first = row.getString(3);
                    long firstPosition = row.getLong(4);
                    // late (a backlog longer than the grace) or lost: the recheck of every round tells them apart
                    LOG.warning(() -> found + " events relayed to " + topic + " more than " + settings.auditGrace()
                            + " ago are unaccounted for at " + name + " (in neither its inbox nor its dead letters);"
                            + " the first is " + first + " at position " + firstPosition);
                }
            }
        }
        Statements.update(db, "move a delivery audit", MOVE_AUDIT, upTo, audited, types, name, topic);
        return audited;
    }

    private static void accountedForNow(Connection db, String consumer, String topic) {
        List<String> accounted = Statements.query(db, "recheck unaccounted events", ACCOUNTED_FOR_NOW,
                row -> row.getString(1), consumer, topic);
        if (!accounted.isEmpty()) {
            LOG.info(() -> accounted.size() + " events once unaccounted for at " + consumer + " are accounted for now: "
                    + accounted);
        }
    }
}
