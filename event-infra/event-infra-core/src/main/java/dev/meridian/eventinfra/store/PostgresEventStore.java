package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.AppendResult;
import dev.meridian.eventinfra.api.ConcurrencyConflictException;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventBatch;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.StreamRetention;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.sql.DataSource;

/**
 * The event store on PostgreSQL. Every operation runs on a connection of the given data source, so inside a JTA
 * transaction it takes part in that transaction: an append becomes visible when, and only if, the caller commits.
 * The {@code Connection}-taking variants are for callers that manage transactions themselves.
 */
public final class PostgresEventStore implements EventStore, PersonalDataSeal {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STREAM_VERSION_CONSTRAINT = "events_stream_version_unique";
    // an append without a version check loses the race for the next version only to one that committed, so a
    // stream would need this many commits by others during one append to make it give up
    private static final int HEAD_RACE_ATTEMPTS = 100;
    private static final String BATCH_SAVEPOINT = "meridian_append";

    /*
     * One statement appends the whole batch. The materialized CTE takes the transaction id before any position is
     * drawn from the sequence: GapSafeHorizon relies on a transaction owning an id before it owns a position. The
     * version check reads the stream's head in the statement's snapshot; two appenders that both pass it collide
     * on the unique (stream_id, stream_version) index, and the later one fails.
     */
    private static final String APPEND = """
            with tx as materialized (select pg_current_xact_id() as xid),
                 head as (select coalesce(max(stream_version), 0) as version
                          from event_infra.events where stream_id = ?),
                 batch as (select * from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[],
                                                ?::text[], ?::text[])
                                  with ordinality as e(event_id, event_type, event_version, occurred_at,
                                                       correlation_id, causation_id, payload, metadata, ord)
                           order by ord)
            insert into event_infra.events (transaction_id, global_position, event_id, stream_id, stream_category,
                                            stream_version, event_type, event_version, occurred_at, correlation_id,
                                            causation_id, payload, metadata)
            select tx.xid, nextval('event_infra.global_position_seq'), batch.event_id::uuid, ?, ?,
                   head.version + batch.ord, batch.event_type, batch.event_version, batch.occurred_at::timestamptz,
                   batch.correlation_id::uuid, batch.causation_id::uuid, batch.payload::jsonb, batch.metadata::jsonb
            from tx, head, batch
            where ? or head.version = ?
            returning global_position, stream_version
            """;

    /*
     * The same append for the most common case, one event, without arrays: PostgreSQL plans it in a fraction of
     * the batch statement's time. Target-list expressions are evaluated in order, so the transaction id is still
     * taken before the position. An event id that is stored already, or a stream version another append took
     * first, inserts nothing rather than failing (and aborting the caller's transaction): an append without a
     * version check needs no look for a replay first, and can try again at the stream's new head.
     */
    private static final String APPEND_ONE = """
            insert into event_infra.events (transaction_id, global_position, event_id, stream_id, stream_category,
                                            stream_version, event_type, event_version, occurred_at, correlation_id,
                                            causation_id, payload, metadata)
            select pg_current_xact_id(), nextval('event_infra.global_position_seq'), ?::uuid, ?, ?,
                   head.version + 1, ?, ?, ?::timestamptz, ?::uuid, ?::uuid, ?::jsonb, ?::jsonb
            from (select coalesce(max(stream_version), 0) as version
                  from event_infra.events where stream_id = ?) head
            where ? or head.version = ?
            on conflict do nothing
            returning global_position, stream_version
            """;

    private static final String STORED_WITH_IDS = """
            select event_id, stream_id, stream_version, global_position
            from event_infra.events where event_id = any(?::uuid[]) order by stream_id, stream_version
            """;

    private static final String STORED_AS_CLAIMED = """
            select count(*)
              from unnest(?::uuid[], ?::text[], ?::text[]) as claimed (event_id, event_type, stream_id)
              join event_infra.events e on e.event_id = claimed.event_id
                   and e.event_type = claimed.event_type and e.stream_id = claimed.stream_id
            """;

    private static final String STREAM_HEAD = """
            select coalesce(max(stream_version), 0) from event_infra.events where stream_id = ?
            """;

    private static final String COLUMNS = """
            e.event_id, e.event_type, e.event_version, e.stream_id, e.stream_version, e.global_position,
            e.occurred_at, e.payload::text, e.metadata::text
            """;

    // what a stream's retention excludes; streams without retention have no row and lose nothing
    private static final String RETAINED = """
             and (r.truncate_before is null or e.stream_version >= r.truncate_before)
             and (r.max_age_seconds is null or e.occurred_at >= now() - make_interval(secs => r.max_age_seconds))
            """;

    private static final String READ_STREAM = "select " + COLUMNS + """
            from event_infra.events e left join event_infra.stream_retention r on r.stream_id = e.stream_id
            where e.stream_id = ? and e.stream_version >= ?
            """ + RETAINED + """
            order by e.stream_version limit ?
            """;

    private static final String READ_ALL = "select " + COLUMNS + """
            from event_infra.events e left join event_infra.stream_retention r on r.stream_id = e.stream_id
            where global_position > ? and global_position <= ?
              and (cardinality(?::text[]) = 0 or event_type = any(?::text[]))
              and (?::text is null or stream_category = ?::text)
              and (?::uuid is null or correlation_id = ?::uuid)
            """ + RETAINED + """
            order by global_position limit ?
            """;

    private static final String RETAIN = """
            insert into event_infra.stream_retention (stream_id, truncate_before, max_age_seconds) values (?, ?, ?)
            on conflict (stream_id) do update
               set truncate_before = excluded.truncate_before, max_age_seconds = excluded.max_age_seconds
            """;

    private final DataSource dataSource;
    private final EventTypeRegistry registry;
    private final EventJson json;
    private final StoredEventDecoder decoder;
    private final PersonalDataVault vault;
    private final GapSafeHorizon horizons = new GapSafeHorizon();
    private final EventStoreMetrics metrics;

    public PostgresEventStore(DataSource dataSource, EventTypeRegistry registry, EventJson json,
                              EventStoreMetrics metrics, KeyEncryptionKey keyEncryptionKey) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.json = json;
        this.vault = new PersonalDataVault(keyEncryptionKey, json);
        this.decoder = new StoredEventDecoder(registry, json);
        this.metrics = metrics;
    }

    @Override
    public AppendResult append(String streamId, ExpectedVersion expected, List<NewEvent> events) {
        try (Connection connection = dataSource.getConnection()) {
            return append(connection, streamId, expected, events);
        } catch (SQLException e) {
            throw new EventStoreException("Cannot append to stream " + streamId, e);
        }
    }

    /** {@link #append(String, ExpectedVersion, List)} on the caller's connection and transaction. */
    public AppendResult append(Connection connection, String streamId, ExpectedVersion expected,
                               List<NewEvent> events) throws SQLException {
        long started = System.nanoTime();
        String category = StreamIds.categoryOf(StreamIds.requireValid(streamId));
        try {
            AppendResult result = appendChecked(connection, streamId, expected, events);
            metrics.appended(category, result.replayed() ? 0 : events.size(),
                    Duration.ofNanos(System.nanoTime() - started));
            return result;
        } catch (ConcurrencyConflictException e) {
            metrics.conflicted(category);
            throw e;
        }
    }

    private AppendResult appendChecked(Connection connection, String streamId, ExpectedVersion expected,
                                       List<NewEvent> requested) throws SQLException {
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("Nothing to append to stream " + streamId);
        }
        List<NewEvent> events = RequestCorrelation.applied(requested);
        if (expected instanceof ExpectedVersion.Any) {
            return events.size() == 1 ? appendOneAtTheHead(connection, streamId, events)
                    : appendBatchAtTheHead(connection, streamId, events);
        }
        List<long[]> appended = insert(connection, streamId, expected, events);
        if (appended.size() == events.size()) {
            return appendedAt(appended);
        }
        AppendResult replayed = replayOf(connection, streamId, expected, events);
        if (replayed != null) {
            return replayed;
        }
        throw new ConcurrencyConflictException(streamId, expected, "it is at version " + head(connection, streamId));
    }

    /**
     * One event without a version check, at whatever version the stream has reached. When an append that
     * committed took that version first, the statement inserts nothing, and the next one sees the new head (read
     * committed) and goes there.
     */
    private AppendResult appendOneAtTheHead(Connection connection, String streamId, List<NewEvent> event)
            throws SQLException {
        for (int attempt = 1; attempt <= HEAD_RACE_ATTEMPTS; attempt++) {
            List<long[]> appended = insert(connection, streamId, ExpectedVersion.any(), event);
            if (!appended.isEmpty()) {
                return appendedAt(appended);
            }
            AppendResult replayed = replayOf(connection, streamId, ExpectedVersion.any(), event);
            if (replayed != null) {
                return replayed;
            }
            metrics.racedToTheHead(StreamIds.categoryOf(streamId));
        }
        throw lostEveryRace(streamId);
    }

    /**
     * Several events without a version check, at whatever version the stream has reached. When an append that
     * committed took those versions first, the batch statement fails, which would abort the caller's transaction;
     * so in a transaction it runs behind a savepoint, and either way it is tried again at the new head.
     */
    private AppendResult appendBatchAtTheHead(Connection connection, String streamId, List<NewEvent> events)
            throws SQLException {
        boolean inTransaction = !connection.getAutoCommit();
        for (int attempt = 1; attempt <= HEAD_RACE_ATTEMPTS; attempt++) {
            // a replayed batch would hit the unique event ids (a single event skips a stored id instead)
            AppendResult replayed = replayOf(connection, streamId, ExpectedVersion.any(), events);
            if (replayed != null) {
                return replayed;
            }
            if (inTransaction) {
                execute(connection, "savepoint " + BATCH_SAVEPOINT);
            }
            try {
                List<long[]> appended = insert(connection, streamId, ExpectedVersion.any(), events);
                if (inTransaction) {
                    execute(connection, "release savepoint " + BATCH_SAVEPOINT);
                }
                return appendedAt(appended);
            } catch (ConcurrencyConflictException e) {
                undoToTheSavepoint(connection, inTransaction);
                metrics.racedToTheHead(StreamIds.categoryOf(streamId));
            } catch (SQLException | RuntimeException e) {
                // whatever the caller does next, its transaction is as it was before this append
                try {
                    undoToTheSavepoint(connection, inTransaction);
                } catch (SQLException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
        throw lostEveryRace(streamId);
    }

    private static void undoToTheSavepoint(Connection connection, boolean inTransaction) throws SQLException {
        if (inTransaction) {
            // rolling back to a savepoint keeps it, and the next attempt would nest another: release it too
            execute(connection, "rollback to savepoint " + BATCH_SAVEPOINT + "; release savepoint " + BATCH_SAVEPOINT);
        }
    }

    private static ConcurrencyConflictException lostEveryRace(String streamId) {
        return new ConcurrencyConflictException(streamId, ExpectedVersion.any(),
                "other appends took its next version " + HEAD_RACE_ATTEMPTS + " times in a row");
    }

    // SQL rather than JDBC savepoints: the application server's connection wrapper refuses a rollback to a JDBC
    // savepoint inside a managed transaction
    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static AppendResult appendedAt(List<long[]> appended) {
        long[] last = appended.get(appended.size() - 1);
        return new AppendResult(last[1], last[0], false);
    }

    private List<long[]> insert(Connection connection, String streamId, ExpectedVersion expected,
                                List<NewEvent> events) throws SQLException {
        long expectedVersion = expected instanceof ExpectedVersion.Exactly exactly ? exactly.version() : -1;
        List<long[]> appended = new ArrayList<>(events.size());
        try (PreparedStatement insert = events.size() == 1
                ? bindOne(connection, streamId, events.get(0), expectedVersion)
                : bindBatch(connection, streamId, events, expectedVersion);
             ResultSet rows = insert.executeQuery()) {
            while (rows.next()) {
                appended.add(new long[] {rows.getLong(1), rows.getLong(2)});
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                String detail = String.valueOf(e.getMessage()).contains(STREAM_VERSION_CONSTRAINT)
                        ? "another append took the same versions first"
                        : "another append stored events with the same ids first";
                throw new ConcurrencyConflictException(streamId, expected, detail);
            }
            throw e;
        }
        appended.sort((a, b) -> Long.compare(a[1], b[1]));
        return appended;
    }

    private PreparedStatement bindOne(Connection connection, String streamId, NewEvent event, long expectedVersion)
            throws SQLException {
        EventType type = registry.typeOf(event.event());
        // everything that can fail comes before the statement exists, so a failure leaks no statement
        String payload = payloadOf(connection, event);
        String metadata = json.toJson(event.metadata());
        PreparedStatement insert = connection.prepareStatement(APPEND_ONE);
        insert.setString(1, event.eventId().toString());
        insert.setString(2, streamId);
        insert.setString(3, StreamIds.categoryOf(streamId));
        insert.setString(4, type.name());
        insert.setInt(5, type.version());
        insert.setString(6, event.occurredAt().toString());
        insert.setString(7, event.metadata().correlationId().map(UUID::toString).orElse(null));
        insert.setString(8, event.metadata().causationId().map(UUID::toString).orElse(null));
        insert.setString(9, payload);
        insert.setString(10, metadata);
        insert.setString(11, streamId);
        insert.setBoolean(12, expectedVersion < 0);
        insert.setLong(13, expectedVersion);
        return insert;
    }

    private PreparedStatement bindBatch(Connection connection, String streamId, List<NewEvent> events,
                                        long expectedVersion) throws SQLException {
        int size = events.size();
        String[] ids = new String[size];
        String[] types = new String[size];
        Integer[] versions = new Integer[size];
        String[] occurredAt = new String[size];
        String[] correlationIds = new String[size];
        String[] causationIds = new String[size];
        String[] payloads = new String[size];
        String[] metadata = new String[size];
        for (int i = 0; i < size; i++) {
            NewEvent event = events.get(i);
            EventType type = registry.typeOf(event.event());
            ids[i] = event.eventId().toString();
            types[i] = type.name();
            versions[i] = type.version();
            occurredAt[i] = event.occurredAt().toString();
            correlationIds[i] = event.metadata().correlationId().map(UUID::toString).orElse(null);
            causationIds[i] = event.metadata().causationId().map(UUID::toString).orElse(null);
            payloads[i] = payloadOf(connection, event);
            metadata[i] = json.toJson(event.metadata());
        }
        Array[] columns = {
            connection.createArrayOf("text", ids), connection.createArrayOf("text", types),
            connection.createArrayOf("int4", versions), connection.createArrayOf("text", occurredAt),
            connection.createArrayOf("text", correlationIds), connection.createArrayOf("text", causationIds),
            connection.createArrayOf("text", payloads), connection.createArrayOf("text", metadata)};
        PreparedStatement insert = connection.prepareStatement(APPEND);
        int p = 1;
        insert.setString(p++, streamId);
        for (Array column : columns) {
            insert.setArray(p++, column);
        }
        insert.setString(p++, streamId);
        insert.setString(p++, StreamIds.categoryOf(streamId));
        insert.setBoolean(p++, expectedVersion < 0);
        insert.setLong(p, expectedVersion);
        return insert;
    }

    private String payloadOf(Connection connection, NewEvent event) throws SQLException {
        String plain = json.toJson((Record) event.event());
        return vault.hasPersonalData(event.event())
                ? json.fromTree(vault.encrypt(connection, event.eventId(), (Record) event.event(), json.toTree(plain)))
                : plain;
    }

    /** The earlier append's result when exactly these events are stored in this stream in this order, else null. */
    private AppendResult replayOf(Connection connection, String streamId, ExpectedVersion expected,
                                  List<NewEvent> events) throws SQLException {
        List<String> storedStreams = new ArrayList<>();
        List<long[]> stored = new ArrayList<>();
        List<UUID> storedIds = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(STORED_WITH_IDS)) {
            query.setArray(1, connection.createArrayOf("text",
                    events.stream().map(event -> event.eventId().toString()).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    storedIds.add(rows.getObject(1, UUID.class));
                    storedStreams.add(rows.getString(2));
                    stored.add(new long[] {rows.getLong(4), rows.getLong(3)});
                }
            }
        }
        if (stored.isEmpty()) {
            return null;
        }
        List<UUID> ids = events.stream().map(NewEvent::eventId).toList();
        long firstVersion = stored.get(0)[1];
        boolean contiguous = true;
        for (int i = 0; i < stored.size(); i++) {
            contiguous &= stored.get(i)[1] == firstVersion + i;
        }
        boolean atTheExpectedPlace = !(expected instanceof ExpectedVersion.Exactly exactly)
                || firstVersion == exactly.version() + 1;
        boolean sameEventsInOrder = storedIds.equals(ids) && storedStreams.stream().allMatch(streamId::equals)
                && contiguous && atTheExpectedPlace;
        if (!sameEventsInOrder) {
            throw new ConcurrencyConflictException(streamId, expected,
                    "some of these event ids are already stored elsewhere, in another order or at other versions");
        }
        long[] last = stored.get(stored.size() - 1);
        return new AppendResult(last[1], last[0], true);
    }

    private static long head(Connection connection, String streamId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(STREAM_HEAD)) {
            query.setString(1, streamId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public List<EventEnvelope<DomainEvent>> readStream(String streamId, long fromVersion, int maxCount) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(READ_STREAM)) {
            query.setString(1, streamId);
            query.setLong(2, fromVersion);
            query.setInt(3, maxCount);
            return envelopes(connection, query);
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read stream " + streamId, e);
        }
    }

    @Override
    public EventBatch readAll(EventQuery query, long afterPosition, int maxCount) {
        try (Connection connection = dataSource.getConnection()) {
            return readAll(connection, query, afterPosition, maxCount);
        } catch (SQLException e) {
            throw new EventStoreException("Cannot read events after position " + afterPosition, e);
        }
    }

    /**
     * {@link #readAll(EventQuery, long, int)} on the caller's connection, which must be at read committed: in a
     * repeatable-read transaction the events of a gap could never become visible.
     */
    public EventBatch readAll(Connection connection, EventQuery query, long afterPosition, int maxCount)
            throws SQLException {
        StoredBatch stored = readAllStored(connection, query, afterPosition, maxCount);
        List<EventEnvelope<DomainEvent>> events = new ArrayList<>(stored.events().size());
        for (StoredEvent event : stored.events()) {
            events.add(envelopeOf(event));
        }
        return new EventBatch(events, stored.nextAfterPosition());
    }

    /**
     * Stored events in global order, as {@link #readAll(Connection, EventQuery, long, int)} finds them, without
     * reading them as records: for the relay and for rebuilds, which hand them on or decode them later.
     */
    public StoredBatch readAllStored(Connection connection, EventQuery query, long afterPosition, int maxCount)
            throws SQLException {
        if (connection.getTransactionIsolation() > Connection.TRANSACTION_READ_COMMITTED) {
            throw new IllegalStateException("Reading in global order needs read committed, so that every statement"
                    + " sees transactions that committed since the previous one");
        }
        GapSafeHorizon.Horizon safe = horizons.after(connection, afterPosition, maxCount);
        long horizon = safe.position();
        if (horizon <= afterPosition) {
            return new StoredBatch(List.of(), afterPosition, safe.end());
        }
        try (PreparedStatement read = connection.prepareStatement(READ_ALL)) {
            Array types = connection.createArrayOf("text", query.types().toArray());
            String category = query.category().orElse(null);
            String correlationId = query.correlationId().map(UUID::toString).orElse(null);
            read.setLong(1, afterPosition);
            read.setLong(2, horizon);
            read.setArray(3, types);
            read.setArray(4, types);
            read.setString(5, category);
            read.setString(6, category);
            read.setString(7, correlationId);
            read.setString(8, correlationId);
            read.setInt(9, maxCount);
            List<StoredEvent> events = storedEvents(connection, read);
            // a full batch may stop below the horizon; otherwise everything up to the horizon has been seen
            boolean full = events.size() == maxCount;
            long next = full ? events.get(events.size() - 1).globalPosition() : horizon;
            return new StoredBatch(events, next, full ? ReadEnd.MORE : safe.end());
        }
    }

    /**
     * Tells the store that every position up to {@code position} is visible or will never exist: a reader's
     * checkpoint, which only ever moves to where a gap-safe read reached. Reads in global order behind it need no
     * gap checks. Only for positions a gap-safe read returned; any other position could hide an event still to
     * commit.
     */
    public void settledUpTo(long position) {
        horizons.settledUpTo(position);
    }

    /** An event as a message off the broker describes it. */
    public record ClaimedEvent(UUID eventId, String type, String streamId) {
    }

    /**
     * Whether every one of {@code claimed} is in the store as claimed: the same id, type and stream (two claims of
     * one id with different types or streams cannot both be). A consumer applies no other, so that whoever can
     * send to a module topic cannot have an event applied that nobody appended.
     */
    public boolean allStoredAsClaimed(Connection connection, List<ClaimedEvent> claimed) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(STORED_AS_CLAIMED)) {
            select.setArray(1, connection.createArrayOf("uuid", claimed.stream().map(ClaimedEvent::eventId).toArray()));
            select.setArray(2, connection.createArrayOf("text", claimed.stream().map(ClaimedEvent::type).toArray()));
            select.setArray(3, connection.createArrayOf("text",
                    claimed.stream().map(ClaimedEvent::streamId).toArray()));
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getLong(1) == claimed.size();
            }
        }
    }

    /** Why a read in global order stopped where it did. */
    public enum ReadEnd {
        /** At the newest event that is safe to read: there is nothing more until something commits. */
        CAUGHT_UP,
        /** At a gap, positions that a transaction still running may yet fill. */
        AT_GAP,
        /** At the end of the batch, or of the positions one read looks at: more may be read at once. */
        MORE
    }

    /**
     * Stored events read in global order, and where the next read continues.
     *
     * @param events            the matching events, in global order
     * @param nextAfterPosition pass this as {@code afterPosition} to read on
     * @param end               why the read stopped there
     */
    public record StoredBatch(List<StoredEvent> events, long nextAfterPosition, ReadEnd end) {

        public StoredBatch {
            events = List.copyOf(events);
        }
    }

    @Override
    public void retain(String streamId, StreamRetention retention) {
        StreamIds.requireValid(streamId);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement retain = connection.prepareStatement(RETAIN)) {
            retain.setString(1, streamId);
            retain.setObject(2, retention.truncateBefore().orElse(null), Types.BIGINT);
            retain.setObject(3, retention.maxAge().map(Duration::toSeconds).orElse(null), Types.BIGINT);
            retain.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("Cannot set the retention of " + streamId, e);
        }
    }

    /**
     * Wraps the people's keys still stored in the clear with the key-encryption key, once it is sure the wrapped
     * ones are this key's; run at start-up, before anything is appended.
     *
     * @return how many keys it wrapped
     * @throws IllegalStateException when the stored keys are wrapped by another key-encryption key
     */
    public int wrapSubjectKeys() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int wrapped = vault.wrapStoredKeys(connection);
                connection.commit();
                return wrapped;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new EventStoreException("Cannot wrap the people's keys", e);
        }
    }

    @Override
    public void forgetSubject(String subjectId) {
        try (Connection connection = dataSource.getConnection()) {
            vault.forget(connection, subjectId);
        } catch (SQLException e) {
            throw new EventStoreException("Cannot forget subject " + subjectId, e);
        }
    }

    @Override
    public Optional<String> sealed(UUID id, Record value) {
        String plain = json.toJson(value);
        if (!vault.hasPersonalData(value)) {
            return Optional.of(plain);
        }
        try (Connection connection = dataSource.getConnection()) {
            return vault.encryptWithExistingKey(connection, id, value, json.toTree(plain)).map(json::fromTree);
        } catch (SQLException e) {
            throw new EventStoreException("Cannot seal the personal data of " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Optional<String> opened(UUID id, String sealed) {
        if (!sealed.contains(PersonalDataVault.ENCRYPTED)) {
            return Optional.of(sealed);
        }
        Map<String, Object> tree = json.toTree(sealed);
        try (Connection connection = dataSource.getConnection()) {
            boolean redacted = vault.decrypt(id, tree, vault.keysOf(connection, PersonalDataVault.keyIdsIn(tree)));
            return redacted ? Optional.empty() : Optional.of(json.fromTree(tree));
        } catch (SQLException e) {
            throw new EventStoreException("Cannot open sealed personal data", e);
        }
    }

    /** A stored row, before its payload is decrypted. */
    private record StoredRow(UUID eventId, String type, int version, String streamId, long streamVersion,
                             long globalPosition, OffsetDateTime occurredAt, String payload, String metadata,
                             Map<String, Object> personalTree) {
    }

    private List<EventEnvelope<DomainEvent>> envelopes(Connection connection, PreparedStatement query)
            throws SQLException {
        List<StoredEvent> stored = storedEvents(connection, query);
        List<EventEnvelope<DomainEvent>> envelopes = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            envelopes.add(envelopeOf(event));
        }
        return envelopes;
    }

    /** A stored event read as the newest version of its type, with its metadata. */
    public EventEnvelope<DomainEvent> envelopeOf(StoredEvent stored) {
        return envelopeOf(stored, json.metadataFromJson(stored.metadata()));
    }

    /**
     * A stored event read as the newest version of its type, with metadata that was read already (a delivery
     * reads it from the wire, and writing it as JSON only to read it back cost a consumer a fifth of its time).
     */
    public EventEnvelope<DomainEvent> envelopeOf(StoredEvent stored, EventMetadata metadata) {
        StoredEventDecoder.Decoded decoded = decoder.decode(stored.type(), stored.version(), stored.payload());
        return new EventEnvelope<>(stored.eventId(), stored.type(), decoded.version(), stored.streamId(),
                stored.streamVersion(), stored.globalPosition(), stored.occurredAt(), metadata, decoded.event(),
                stored.personalDataRedacted());
    }

    private List<StoredEvent> storedEvents(Connection connection, PreparedStatement query) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        Set<String> keyIds = new HashSet<>();
        try (ResultSet result = query.executeQuery()) {
            while (result.next()) {
                String payload = result.getString(8);
                Map<String, Object> personalTree = null;
                if (payload.contains(PersonalDataVault.ENCRYPTED)) {
                    personalTree = json.toTree(payload);
                    keyIds.addAll(PersonalDataVault.keyIdsIn(personalTree));
                }
                rows.add(new StoredRow(result.getObject(1, UUID.class), result.getString(2), result.getInt(3),
                        result.getString(4), result.getLong(5), result.getLong(6),
                        result.getObject(7, OffsetDateTime.class), payload, result.getString(9), personalTree));
            }
        }
        // one query for the keys of the whole batch, not one per event
        Map<String, SecretKey> keys = vault.keysOf(connection, keyIds);
        List<StoredEvent> stored = new ArrayList<>(rows.size());
        for (StoredRow row : rows) {
            boolean redacted = row.personalTree() != null && vault.decrypt(row.eventId(), row.personalTree(), keys);
            String payload = row.personalTree() != null ? json.fromTree(row.personalTree()) : row.payload();
            stored.add(new StoredEvent(row.eventId(), row.type(), row.version(), row.streamId(), row.streamVersion(),
                    row.globalPosition(), row.occurredAt().toInstant(), payload, row.metadata(), redacted));
        }
        return stored;
    }
}
