package dev.meridian.eventinfra.projection;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.delivery.CheckpointRow;
import dev.meridian.eventinfra.delivery.DeliverySettings;
import dev.meridian.eventinfra.delivery.RoundTransactions;
import dev.meridian.eventinfra.delivery.StoreFollower;
import dev.meridian.eventinfra.delivery.Transactions;
import dev.meridian.eventinfra.module.ModuleContext;
import dev.meridian.eventinfra.store.PostgresEventStore;
import dev.meridian.eventinfra.store.PostgresEventStore.ReadEnd;
import dev.meridian.eventinfra.store.PostgresEventStore.StoredBatch;
import dev.meridian.eventinfra.store.StoredEvent;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Feeds one projection from the event store: a batch of its events after its checkpoint, applied in the same
 * transaction that moves the checkpoint, so every event is applied exactly once, in global order (gap-safe). The
 * checkpoint row is locked for the batch ({@code for update skip locked}): one server runs a projection at a
 * time, and another carries on if it dies.
 *
 * <p>A rebuild resets the projection and its checkpoint in one transaction; the same loop then replays the store
 * in batches and, once it has caught up, simply follows new events. Progress (done, total, rate, ETA) is kept in
 * the checkpoint row and logged every few seconds.
 */
final class ProjectionRunner extends StoreFollower {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class.getName());
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(5);
    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(5);

    private static final String CREATE = """
            insert into event_infra.projection_checkpoints (projection) values (?) on conflict do nothing
            """;
    private static final String LOCK = """
            select position, state from event_infra.projection_checkpoints where projection = ?
            for update skip locked
            """;
    private static final String MOVE = """
            update event_infra.projection_checkpoints
               set position = ?, updated_at = now(), error = null,
                   rebuild_done = case when state = 'REBUILDING' then rebuild_done + ? else rebuild_done end,
                   state = case when ? >= rebuild_until then 'LIVE' else state end
             where projection = ?
            returning state
            """;
    private static final String FAILED = """
            update event_infra.projection_checkpoints set error = ?, updated_at = now() where projection = ?
            """;
    private static final String START_REBUILD = """
            update event_infra.projection_checkpoints
               set position = 0, state = 'REBUILDING', rebuild_done = 0, rebuild_started_at = now(), error = null,
                   rebuild_total = (select count(*) from event_infra.events where event_type = any(?::text[])),
                   rebuild_until = (select coalesce(max(global_position), 0) from event_infra.events),
                   updated_at = now()
             where projection = ?
            """;
    private static final String AUDIT_REBUILD = """
            insert into event_infra.projection_rebuilds (projection, requested_by, events_to_replay)
            select projection, ?, rebuild_total from event_infra.projection_checkpoints where projection = ?
            """;
    private static final String LOCK_FOR_REBUILD = """
            select 1 from event_infra.projection_checkpoints where projection = ? for update
            """;

    private final Projection projection;
    // read once, as module code: a projection may compute its name from its module's configuration
    private final String name;
    private final ModuleContext module;
    private final DataSource dataSource;
    private final UserTransaction transaction;
    private final PostgresEventStore store;
    private final int batchSize;
    private final Duration lockIdleLimit;
    private final Duration minimumInterval;
    private final ReadAhead<ReadBatch> readAhead;
    private final CheckpointRow<Checkpoint> checkpointRow = new CheckpointRow<>(this::lockedCheckpoint,
            this::createCheckpoint);
    private long lastProgressLog;

    ProjectionRunner(Projection projection, String name, ModuleContext module, Set<String> eventTypes,
                     DataSource dataSource, UserTransaction transaction, PostgresEventStore store,
                     DeliverySettings settings, ExecutorService readers) {
        super(eventTypes, settings.projectionBatchSize(), settings.pollInterval(), FAILURE_PAUSE);
        this.projection = projection;
        this.name = name;
        this.module = module;
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.store = store;
        this.batchSize = settings.projectionBatchSize();
        this.lockIdleLimit = settings.lockIdleLimit();
        this.minimumInterval = settings.projectionInterval();
        this.readAhead = new ReadAhead<>(readers, this::readOwnConnection, lockIdleLimit.dividedBy(2));
    }

    String name() {
        return name;
    }

    String moduleName() {
        return module.name();
    }

    @Override
    protected Duration minimumRoundInterval() {
        return minimumInterval;
    }

    @Override
    protected void starting() {
        LOG.info(() -> "Projection " + name + " of " + module.name() + " reads " + eventTypes());
    }

    @Override
    protected void ended() {
        readAhead.drop();
    }

    @Override
    protected void failed(Exception failure) {
        LOG.log(Level.WARNING, "Projection " + name + " failed; trying again in " + FAILURE_PAUSE, failure);
        recordFailure(failure);
    }

    /** Applies one batch; returns how many events it applied. */
    @Override
    protected int runBatch() throws SQLException, InterruptedException {
        Transactions.begin(transaction);
        try (Connection db = dataSource.getConnection()) {
            RoundTransactions.begin(db, lockIdleLimit);
            Checkpoint checkpoint = checkpointRow.lock(db);
            if (checkpoint == null) {
                // another server runs this projection now; what was read ahead may be stale when it comes back
                readAhead.drop();
                Transactions.rollback(transaction);
                return 0;
            }
            store.settledUpTo(checkpoint.position());
            ReadBatch batch = batchAfter(db, checkpoint.position());
            if (batch.stored().nextAfterPosition() == checkpoint.position()) {
                // nothing new
                Transactions.rollback(transaction);
                return 0;
            }
            long next = batch.stored().nextAfterPosition();
            if (batch.stored().end() == ReadEnd.MORE) {
                readAhead.start(next);
            }
            int applied = batch.events().size();
            if (applied > 0) {
                RoundTransactions.planAsConfigured(db);
                module.run(() -> projection.apply(batch.events()));
            }
            boolean live;
            try (PreparedStatement move = db.prepareStatement(MOVE)) {
                move.setLong(1, next);
                move.setLong(2, applied);
                move.setLong(3, next);
                move.setString(4, name);
                try (ResultSet moved = move.executeQuery()) {
                    moved.next();
                    live = "LIVE".equals(moved.getString(1));
                }
            }
            if (checkpoint.rebuilding()) {
                logProgress(db, live);
            }
            Transactions.commit(transaction);
            return applied;
        } catch (SQLException | RuntimeException | InterruptedException e) {
            Transactions.rollback(transaction);
            throw e;
        }
    }

    /**
     * Events read from the store, decoded.
     *
     * @param stored as the store read them, with where to read on
     * @param events the same events as the projection gets them
     */
    private record ReadBatch(StoredBatch stored, List<EventEnvelope<DomainEvent>> events) {
    }

    /** The batch after the checkpoint: read ahead if it was, read now otherwise. */
    private ReadBatch batchAfter(Connection db, long checkpoint) throws SQLException, InterruptedException {
        ReadBatch batch = readAhead.take(checkpoint);
        if (batch == null) {
            batch = read(db, checkpoint);
        }
        followed(batch.stored());
        return batch;
    }

    private ReadBatch read(Connection db, long afterPosition) throws SQLException {
        StoredBatch stored = store.readAllStored(db, query(), afterPosition, batchSize);
        List<EventEnvelope<DomainEvent>> events = new ArrayList<>(stored.events().size());
        for (StoredEvent event : stored.events()) {
            events.add(store.envelopeOf(event));
        }
        return new ReadBatch(stored, events);
    }

    private ReadBatch readOwnConnection(long afterPosition) throws SQLException {
        try (Connection db = dataSource.getConnection()) {
            return read(db, afterPosition);
        }
    }

    /**
     * Where the projection stands, locked for this transaction.
     *
     * @param position   the global position applied up to
     * @param rebuilding whether a rebuild is under way
     */
    private record Checkpoint(long position, boolean rebuilding) {
    }

    private Checkpoint lockedCheckpoint(Connection db) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(LOCK)) {
            lock.setString(1, name);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() ? new Checkpoint(row.getLong(1), "REBUILDING".equals(row.getString(2))) : null;
            }
        }
    }

    private int createCheckpoint(Connection db) throws SQLException {
        try (PreparedStatement create = db.prepareStatement(CREATE)) {
            create.setString(1, name);
            return create.executeUpdate();
        }
    }

    /** Resets the projection and its checkpoint; the runner then replays the store into it. */
    void rebuild(String actor) {
        Transactions.begin(transaction);
        try (Connection db = dataSource.getConnection()) {
            createCheckpoint(db);
            try (PreparedStatement lock = db.prepareStatement(LOCK_FOR_REBUILD)) {
                lock.setString(1, name);
                lock.executeQuery().close();
            }
            module.run(projection::reset);
            try (PreparedStatement start = db.prepareStatement(START_REBUILD)) {
                start.setArray(1, db.createArrayOf("text", eventTypes().toArray()));
                start.setString(2, name);
                start.executeUpdate();
            }
            try (PreparedStatement audit = db.prepareStatement(AUDIT_REBUILD)) {
                audit.setString(1, actor);
                audit.setString(2, name);
                audit.executeUpdate();
            }
            Transactions.commit(transaction);
        } catch (SQLException | RuntimeException e) {
            Transactions.rollback(transaction);
            throw new IllegalStateException("Cannot start rebuilding projection " + name, e);
        }
        LOG.info(() -> "Rebuilding projection " + name + " from the event store, as " + actor + " asked");
        wakeUp();
    }

    private EventQuery query() {
        return new EventQuery(eventTypes(), Optional.empty(), Optional.empty());
    }

    private void logProgress(Connection db, boolean finished) throws SQLException {
        long now = System.nanoTime();
        if (!finished && now - lastProgressLog < PROGRESS_LOG_INTERVAL.toNanos()) {
            return;
        }
        lastProgressLog = now;
        ProjectionStatus status = Projections.statusOf(db, name, module.name());
        LOG.info(() -> finished
                ? "Projection " + name + " rebuilt: " + status.rebuildDone() + " events"
                : "Rebuilding projection " + name + ": " + status.rebuildDone() + " of "
                        + status.rebuildTotal() + " events, " + Math.round(status.eventsPerSecond())
                        + " events/s, about " + status.secondsLeft() + " s left");
    }

    private void recordFailure(Exception failure) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement(FAILED)) {
            update.setString(1, String.valueOf(failure));
            update.setString(2, name);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Cannot record the failure of projection " + name, e);
        }
    }
}
