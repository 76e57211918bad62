package dev.meridian.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventBatch;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.Snapshotable;
import dev.meridian.eventinfra.module.ModuleStartup;
import dev.meridian.eventinfra.module.SchemaMigrations;
import dev.meridian.eventinfra.sourcing.EventSourcedRepository;
import dev.meridian.eventinfra.sourcing.SnapshotSettings;
import dev.meridian.eventinfra.sourcing.SnapshotStore;
import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.EventStoreMetrics;
import dev.meridian.eventinfra.store.EventTypeRegistry;
import dev.meridian.eventinfra.store.KeyEncryptionKey;
import dev.meridian.eventinfra.store.PostgresEventStore;
import dev.meridian.eventinfra.store.StreamIds;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event store against its ceiling and its best-known peer, in one run on one PostgreSQL: each Meridian
 * operation is measured beside a raw JDBC insert of the same row into the same table through the same pool, so the
 * ratio says what the store's own work (JSON, concurrency check, gap-safety bookkeeping) costs, and beside Axon
 * Framework 4's {@code JdbcEventStorageEngine} appending and reading the same events (its PostgreSQL tables, the
 * Jackson serializer, each append in a unit of work as Axon runs it). Writes a Markdown table to the given file.
 */
public final class EventStoreBenchmark {

    private static final long WARM_UP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = 10_000;
    private static final int BATCH = 100;
    private static final int READ_BATCH = 5_000;

    /** An event of the size the runtime notes measured with (payload about 250 bytes). */
    @EventType(name = "bench.AccountRegistered")
    public record AccountRegistered(UUID accountId, String email, String displayName, String locale,
                                    Instant registeredAt, List<String> roles) implements DomainEvent {
    }

    /** An aggregate that counts its events, for load times. */
    public static final class Account extends AggregateRoot<AccountRegistered>
            implements Snapshotable<Account.State> {

        /** The snapshot. */
        public record State(long registrations, String lastEmail) {
        }

        private long registrations;
        private String lastEmail;

        void register(AccountRegistered event) {
            record(event);
        }

        @Override
        protected void apply(AccountRegistered event) {
            registrations++;
            lastEmail = event.email();
        }

        @Override
        public State snapshot() {
            return new State(registrations, lastEmail);
        }

        @Override
        public void restore(State snapshot) {
            registrations = snapshot.registrations();
            lastEmail = snapshot.lastEmail();
        }
    }

    private static final String RAW_INSERT = """
            insert into event_infra.events (global_position, transaction_id, event_id, stream_id, stream_category,
                                            stream_version, event_type, event_version, occurred_at, correlation_id,
                                            causation_id, payload, metadata)
            values (nextval('event_infra.global_position_seq'), pg_current_xact_id(), ?, ?, ?, ?, ?, 1, ?, ?, null,
                    ?::jsonb, ?::jsonb)
            """;

    private final HikariDataSource pool;
    private final EventJson json = new EventJson();
    private final PostgresEventStore store;
    private final JdbcEventStorageEngine axon;
    private final List<String> report = new ArrayList<>();

    private EventStoreBenchmark(HikariDataSource pool) {
        this.pool = pool;
        this.store = new PostgresEventStore(pool, EventTypeRegistry.of(List.of(AccountRegistered.class)), json, EventStoreMetrics.NONE, KeyEncryptionKey.generate());
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
        this.axon = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new DataSourceConnectionProvider(pool)))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .batchSize(READ_BATCH)
                .build();
        axon.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "event-store-benchmark.md");
        // durable settings, as in production: the library's test defaults turn fsync off
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100").start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
            config.setMaximumPoolSize(20);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                SchemaMigrations.migrate(pool, ModuleStartup.EVENT_INFRA_SCHEMA,
                        EventStoreBenchmark.class.getClassLoader());
                new EventStoreBenchmark(pool).run(output);
            }
        }
    }

    private void run(Path output) throws Exception {
        report.add("| measurement | Meridian | Axon 4 | raw JDBC ceiling | Meridian against Axon | Meridian against"
                + " the ceiling |");
        report.add("|---|---|---|---|---|---|");
        for (int writers : new int[] {1, 4, 16}) {
            Throughput raw = measure(writers, (deadline, latencies) -> rawAppends(deadline, latencies, 1));
            Throughput peer = measure(writers, (deadline, latencies) -> axonAppends(deadline, latencies, 1));
            Throughput meridian = measure(writers, (deadline, latencies) -> storeAppends(deadline, latencies, 1));
            row("single-event appends, " + writers + " writer(s)", meridian, peer, raw);
        }
        for (int writers : new int[] {1, 4}) {
            Throughput raw = measure(writers, (deadline, latencies) -> rawAppends(deadline, latencies, BATCH));
            Throughput peer = measure(writers, (deadline, latencies) -> axonAppends(deadline, latencies, BATCH));
            Throughput meridian = measure(writers,
                    (deadline, latencies) -> storeAppends(deadline, latencies, BATCH));
            row(BATCH + "-event batch appends, " + writers + " writer(s)", meridian, peer, raw);
        }
        loadTimes();
        readAllRate();
        String table = String.join("\n", report) + "\n";
        Files.writeString(output, table);
        System.out.println();
        System.out.println(table);
        System.out.println("Written to " + output.toAbsolutePath());
    }

    private void row(String name, Throughput meridian, Throughput peer, Throughput raw) {
        report.add("| " + name + " | " + meridian + " | " + peer + " | " + raw + " | "
                + String.format("%.2f", meridian.eventsPerSecond() / peer.eventsPerSecond()) + " | "
                + String.format("%.2f", meridian.eventsPerSecond() / raw.eventsPerSecond()) + " |");
        System.out.println(report.get(report.size() - 1));
    }

    /** One writer's loop: appends until the deadline, recording each append's latency, returns events written. */
    @FunctionalInterface
    private interface Writer {
        long write(long deadline, List<Long> latencies) throws Exception;
    }

    private Throughput measure(int writers, Writer writer) throws Exception {
        truncate();
        runWriters(writers, writer, WARM_UP_MILLIS);
        // measure from the steady state of a table that has rows and statistics about them, as in production;
        // statistics of an empty table would have PostgreSQL plan the stream-head lookup as a full scan
        analyze();
        long started = System.nanoTime();
        List<Long> latencies = new ArrayList<>();
        long events = runWriters(writers, writer, MEASURE_MILLIS, latencies);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Throughput(events / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private long runWriters(int writers, Writer writer, long millis) throws Exception {
        return runWriters(writers, writer, millis, new ArrayList<>());
    }

    private long runWriters(int writers, Writer writer, long millis, List<Long> allLatencies) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            long deadline = System.nanoTime() + millis * 1_000_000;
            List<Future<Long>> results = new ArrayList<>();
            List<List<Long>> latencies = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                List<Long> mine = new ArrayList<>();
                latencies.add(mine);
                Callable<Long> task = () -> writer.write(deadline, mine);
                results.add(threads.submit(task));
            }
            long events = 0;
            for (Future<Long> result : results) {
                events += result.get();
            }
            latencies.forEach(allLatencies::addAll);
            return events;
        } finally {
            threads.shutdown();
        }
    }

    private static AccountRegistered someEvent() {
        UUID id = UUID.randomUUID();
        return new AccountRegistered(id, "person." + id.toString().substring(0, 8) + "@example.org",
                "A Person With A Name", "en-GB", Instant.now(), List.of("user"));
    }

    private static EventMetadata someMetadata() {
        return new EventMetadata(Optional.of(UUID.randomUUID()), Optional.of(UUID.randomUUID()),
                Optional.of("user-" + UUID.randomUUID()),
                Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    private long storeAppends(long deadline, List<Long> latencies, int eventsPerAppend) {
        String stream = StreamIds.of("account", UUID.randomUUID());
        long version = 0;
        while (System.nanoTime() < deadline) {
            List<NewEvent> events = new ArrayList<>(eventsPerAppend);
            for (int i = 0; i < eventsPerAppend; i++) {
                events.add(NewEvent.of(someEvent(), someMetadata()));
            }
            long started = System.nanoTime();
            store.append(stream, ExpectedVersion.exactly(version), events);
            latencies.add(System.nanoTime() - started);
            version += eventsPerAppend;
        }
        return version;
    }

    /**
     * Axon's appends of the same events to an aggregate of its own, each in a unit of work, which commits the
     * connection it borrowed as Axon's own event store does; the metadata carries the same four values.
     */
    private long axonAppends(long deadline, List<Long> latencies, int eventsPerAppend) {
        String aggregateId = UUID.randomUUID().toString();
        long sequence = 0;
        while (System.nanoTime() < deadline) {
            latencies.add(axonAppend(aggregateId, sequence, eventsPerAppend));
            sequence += eventsPerAppend;
        }
        return sequence;
    }

    /** Appends {@code count} events to the aggregate from {@code firstSequence} on; answers how long it took. */
    private long axonAppend(String aggregateId, long firstSequence, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        for (long sequence = firstSequence; sequence < firstSequence + count; sequence++) {
            EventMetadata metadata = someMetadata();
            events.add(new GenericDomainEventMessage<>("account", aggregateId, sequence, someEvent(),
                    MetaData.with("correlationId", metadata.correlationId().orElseThrow().toString())
                            .and("causationId", metadata.causationId().orElseThrow().toString())
                            .and("actor", metadata.actor().orElseThrow())
                            .and("traceparent", metadata.traceContext().get("traceparent"))));
        }
        long started = System.nanoTime();
        DefaultUnitOfWork.startAndGet(null).execute(() -> axon.appendEvents(events));
        return System.nanoTime() - started;
    }

    private long rawAppends(long deadline, List<Long> latencies, int rowsPerAppend) throws Exception {
        String stream = StreamIds.of("account", UUID.randomUUID());
        // rows of the same size the store writes, serialized once: the ceiling does no work of its own
        String payload = json.toJson(someEvent());
        String metadata = json.toJson(someMetadata());
        long version = 0;
        while (System.nanoTime() < deadline) {
            long started = System.nanoTime();
            try (Connection connection = pool.getConnection();
                 PreparedStatement insert = connection.prepareStatement(RAW_INSERT)) {
                if (rowsPerAppend == 1) {
                    bindRawRow(insert, stream, ++version, payload, metadata);
                    insert.executeUpdate();
                } else {
                    // one transaction and one JDBC batch (rewritten into multi-row inserts) per append
                    connection.setAutoCommit(false);
                    for (int i = 0; i < rowsPerAppend; i++) {
                        bindRawRow(insert, stream, ++version, payload, metadata);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            }
            latencies.add(System.nanoTime() - started);
        }
        return version;
    }

    private static void bindRawRow(PreparedStatement insert, String stream, long version, String payload,
                                   String metadata) throws Exception {
        insert.setObject(1, UUID.randomUUID());
        insert.setString(2, stream);
        insert.setString(3, "account");
        insert.setLong(4, version);
        insert.setString(5, "bench.AccountRegistered");
        insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
        insert.setObject(7, UUID.randomUUID());
        insert.setString(8, payload);
        insert.setString(9, metadata);
    }

    private void loadTimes() throws Exception {
        truncate();
        EventSourcedRepository<Account, AccountRegistered> accounts = EventSourcedRepository
                .of(store, "account", AccountRegistered.class, Account::new)
                .withSnapshots(new SnapshotStore(pool, json, EventStoreMetrics.NONE, store), SnapshotSettings.of(Account.State.class, 1));
        UUID longLived = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        fill(accounts, longLived, 10_000);
        fill(accounts, young, 100);
        analyze();
        double longLivedMicros = averageLoadMicros(accounts, longLived);
        double youngMicros = averageLoadMicros(accounts, young);
        // Axon's loads go through its aggregate repository, which this benchmark does not set up: no peer here
        report.add("| load an aggregate of 10,000 events (snapshots every 100), against one of 100 | "
                + String.format("%.0f µs", longLivedMicros) + " | | 100 events: " + String.format("%.0f µs",
                youngMicros) + " | | " + String.format("%.2f", longLivedMicros / youngMicros) + " (goal ≤ 2) |");
        System.out.println(report.get(report.size() - 1));
    }

    private static void fill(EventSourcedRepository<Account, AccountRegistered> accounts, UUID id, int events) {
        for (int saved = 0; saved < events; saved += BATCH) {
            Account account = accounts.load(id).orElseGet(Account::new);
            for (int i = 0; i < BATCH; i++) {
                account.register(someEvent());
            }
            accounts.save(id, account, EventMetadata.none());
        }
    }

    private static double averageLoadMicros(EventSourcedRepository<Account, AccountRegistered> accounts, UUID id) {
        int loads = 500;
        for (int i = 0; i < loads; i++) {
            accounts.load(id);
        }
        long started = System.nanoTime();
        for (int i = 0; i < loads; i++) {
            accounts.load(id);
        }
        return (System.nanoTime() - started) / 1e3 / loads;
    }

    private void readAllRate() throws Exception {
        truncate();
        int total = 200_000;
        String stream = StreamIds.of("account", UUID.randomUUID());
        for (int version = 0; version < total; version += BATCH) {
            List<NewEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(NewEvent.of(someEvent(), someMetadata()));
            }
            store.append(stream, ExpectedVersion.exactly(version), batch);
        }
        String aggregateId = UUID.randomUUID().toString();
        for (long sequence = 0; sequence < total; sequence += BATCH) {
            axonAppend(aggregateId, sequence, BATCH);
        }
        analyze();
        readEverything(total, false);
        readEverything(total, true);
        axonReadEverything();
        rawReadEverything();
        double decoded = eventsPerSecond(() -> readEverything(total, false));
        double stored = eventsPerSecond(() -> readEverything(total, true));
        double peer = eventsPerSecond(this::axonReadEverything);
        double raw = eventsPerSecond(this::rawReadEverything);
        report.add(String.format("| read all %,d events by global position, %,d a batch, each decoded into its record"
                + " | %,.0f events/s | %,.0f events/s | %,.0f rows/s (the same columns, not decoded) | %.2f | %.2f |",
                total, READ_BATCH, decoded, peer, raw, decoded / peer, decoded / raw));
        report.add(String.format("| the same, as stored (what the relay and a rebuild read; each event decoded when"
                + " its reader asks) | %,.0f events/s | | | %.2f | %.2f |", stored, stored / peer, stored / raw));
        System.out.println(report.get(report.size() - 2));
        System.out.println(report.get(report.size() - 1));
    }

    /** Events read per second by {@code reader}, which answers how many it read. */
    private static double eventsPerSecond(Callable<Long> reader) throws Exception {
        long started = System.nanoTime();
        long read = reader.call();
        return read / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Axon's reader: every event from the start, its payload and metadata deserialized, as an event processor
     * handling it would have them.
     */
    private long axonReadEverything() {
        try (Stream<? extends TrackedEventMessage<?>> events = axon.readEvents(null, false)) {
            return events.filter(event -> event.getPayload() != null && event.getMetaData() != null).count();
        }
    }

    /**
     * Reads all {@code total} events. An empty batch is not the end: a gap (here, the positions the truncation
     * left behind) waits for every transaction running when it was first seen, such as an autovacuum's analyze.
     */
    private long readEverything(long total, boolean asStored) throws Exception {
        long position = 0;
        long read = 0;
        try (Connection connection = pool.getConnection()) {
            while (read < total) {
                long next;
                int size;
                if (asStored) {
                    PostgresEventStore.StoredBatch batch = store.readAllStored(connection, EventQuery.all(), position, READ_BATCH);
                    next = batch.nextAfterPosition();
                    size = batch.events().size();
                } else {
                    EventBatch batch = store.readAll(connection, EventQuery.all(), position, READ_BATCH);
                    next = batch.nextAfterPosition();
                    size = batch.events().size();
                }
                if (size == 0 && next == position) {
                    Thread.sleep(10);
                }
                read += size;
                position = next;
            }
            return read;
        }
    }

    /** The ceiling of a reader: the same rows and columns in the same batches, fetched without decoding. */
    private long rawReadEverything() throws Exception {
        long position = 0;
        long read = 0;
        try (Connection connection = pool.getConnection(); PreparedStatement query = connection.prepareStatement("""
                select event_id, event_type, event_version, stream_id, stream_version, global_position, occurred_at,
                       payload::text, metadata::text
                from event_infra.events where global_position > ? order by global_position limit ?
                """)) {
            while (true) {
                query.setLong(1, position);
                query.setInt(2, READ_BATCH);
                int batch = 0;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        rows.getObject(1, UUID.class);
                        rows.getString(2);
                        rows.getInt(3);
                        rows.getString(4);
                        rows.getLong(5);
                        position = rows.getLong(6);
                        rows.getObject(7, OffsetDateTime.class);
                        rows.getString(8);
                        rows.getString(9);
                        batch++;
                    }
                }
                if (batch == 0) {
                    return read;
                }
                read += batch;
            }
        }
    }

    private void truncate() throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            // Axon reads by ranges of its global index, so it starts again at 1 (Meridian's positions are its own
            // sequence, not the table's, and go on)
            statement.execute("truncate event_infra.events, event_infra.snapshots, domainevententry,"
                    + " snapshotevententry restart identity");
        }
    }

    private void analyze() throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze event_infra.events");
            statement.execute("vacuum analyze domainevententry");
        }
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * fraction))];
    }

    /**
     * One measurement.
     *
     * @param eventsPerSecond events written per second over all writers
     * @param p50Nanos        median latency of one append call
     * @param p99Nanos        99th percentile latency
     */
    private record Throughput(double eventsPerSecond, long p50Nanos, long p99Nanos) {
        @Override
        public String toString() {
            return String.format("%,.0f events/s (p50 %.2f ms, p99 %.2f ms)", eventsPerSecond, p50Nanos / 1e6,
                    p99Nanos / 1e6);
        }
    }
}
