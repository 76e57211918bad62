package dev.meridian.benchmarks;

import dev.meridian.it.DeliveryProbes;
import dev.meridian.it.TestServer;
import dev.meridian.it.delivery.FixedRate;
import dev.meridian.it.delivery.NotesProjection;
import dev.meridian.launcher.BrokerAccount;
import dev.meridian.launcher.LaunchSettings.BrokerMode;
import dev.meridian.launcher.WildFlyServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Delivery in the deployed server, against its ceiling in the same run: the EAR with the integration tests'
 * delivery probes (one publishing module, three consuming modules, each with a projection) on its own WildFly and
 * PostgreSQL. Appends arrive over HTTP at a fixed rate (an open model: a slow server does not slow the schedule,
 * so queueing shows in the latency). Latency is from the append's commit (PostgreSQL's commit timestamp of the
 * event row) to the handler's insert ({@code clock_timestamp()} in the same database), so both ends read one
 * clock. The ceiling is the same hop done raw: a transacted persistent JMS send to a durable subscription on the
 * same broker, received and written with a plain JDBC insert. Writes a Markdown report to the given file.
 */
public final class DeliveryBenchmark {

    private static final List<String> CONSUMERS = List.of("probe_a", "probe_b", "probe_c");
    private static final int STREAMS = 200;
    private static final Duration LATENCY_RUN = Duration.ofSeconds(60);
    private static final Duration CEILING_RUN = Duration.ofSeconds(20);
    private static final Duration RAMP_STEP = Duration.ofSeconds(30);
    private static final Duration WARM_UP = Duration.ofSeconds(20);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);
    // keeping up means no backlog: a p99 above this says the consumers fell behind during the step
    private static final double KEEPING_UP_P99_MILLIS = 1_000;
    private static final int[] LATENCY_RATES = {200, 500, 1000};
    private static final int[] RAMP_RATES = {25, 50, 100, 150, 250, 350, 500, 750, 1000, 1500, 2000};
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int REBUILDS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> report = new ArrayList<>();

    private final CpuUse cpu;

    private DeliveryBenchmark(CpuUse cpu) {
        this.cpu = cpu;
    }

    @SuppressWarnings("try") // the database only has to run for the length of the block
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        Path work = Path.of(TestServer.property("meridian.test.base.dir")).getParent();
        try (EmbeddedPostgres postgres = Load.serverDatabase(work)) {
            DeliveryProbes.createTokenKeys();
            Path ear = DeliveryProbes.exportedWithDeliveryProbes(work.resolve("deployment/meridian.ear"), CONSUMERS);
            System.out.println("Starting the server (its console: " + work.resolve("server-console.log") + ")");
            Path serverBase = work.resolve("wildfly-base");
            WildFlyServer server = DeliveryProbes.startServer(ear, serverBase, work.resolve("server-console.log"));
            try {
                new DeliveryBenchmark(new CpuUse(serverBase, Load.dataDirectory(work))).run(output);
            } finally {
                server.stop();
            }
        }
    }

    private void run(Path output) throws Exception {
        report.add("# Delivery benchmark");
        report.add("");
        report.add("Commit to handler, " + CONSUMERS.size() + " consuming modules, appends of one event each at a"
                + " fixed rate over " + STREAMS + " streams, made either in the server (a scheduler in the probe"
                + " module) or over HTTP (`POST /delivery-probe/publish` from this process); ceiling: transacted"
                + " persistent JMS send to a durable subscription on the same broker, received and inserted with plain"
                + " JDBC. " + Runtime.getRuntime().availableProcessors() + " cores; the load generator shares them.");
        report.add("");
        // short runs first, so the measured ones do not pay for class loading and JIT on either path
        for (Appends appends : Appends.values()) {
            String run = "warm-up-" + appends.name().toLowerCase(Locale.ROOT);
            publish(appends, run, 200, WARM_UP);
            awaitApplied(run, countStored(run), Duration.ofSeconds(60));
        }

        report.add("Highest sustained rate with appends in the server, found by a ramp of " + RAMP_STEP.toSeconds()
                + " s steps that stops at the first failure; sustained = at least 95 % of the target rate achieved,"
                + " every event applied once by all three consumers, p99 at most " + (long) KEEPING_UP_P99_MILLIS
                + " ms (no backlog building up) and everything applied within " + DRAIN_LIMIT.toSeconds()
                + " s of the step's end.");
        report.add("");
        report.add("| target rate | appends achieved | p50 | p99 | drained after | applied once by all 3 | cores busy (steal) |");
        report.add("|---|---|---|---|---|---|---|");
        int highestSustained = 0;
        for (int rate : RAMP_RATES) {
            Step step = step(Appends.IN_SERVER, rate, RAMP_STEP);
            report.add(String.format(Locale.ROOT, "| %,d/s | %,.0f/s | %s | %s | %s | %s | %s |", rate,
                    step.achievedRate, ms(step.latencies.p50()), ms(step.latencies.p99()),
                    step.drainedAfter.isPresent() ? step.drainedAfter.get().toMillis() + " ms"
                            : "not within " + DRAIN_LIMIT.toSeconds() + " s",
                    step.appliedOnce ? "yes" : "no (" + step.problem + ")", coresBusy(step.cpu)));
            if (!step.sustained(rate)) {
                break;
            }
            highestSustained = rate;
        }
        report.add("");
        report.add("Highest sustained rate: **" + String.format(Locale.ROOT, "%,d", highestSustained)
                + " events/s**.");
        report.add("");
        report.add("CPU per event is the CPU time each process used over the step (appends and delivery to its end),"
                + " divided by the events appended; the harness makes the appends over HTTP and only polls for the"
                + " appends made in the server. Cores busy is the share of the machine's core time not idle over the"
                + " step, the hypervisor's steal included (given in brackets); at 500 events/s, "
                + Runtime.getRuntime().availableProcessors() + " cores allow "
                + Runtime.getRuntime().availableProcessors() * 1000 / 500 + " ms of CPU per event.");
        report.add("");
        report.add("| target rate | appends | achieved | p50 | p99 | max | applied once by all 3 | CPU per event: server / database / harness | cores busy (steal) | ceiling p50 | ceiling p99 | ceiling max | p99 / ceiling p99 |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int rate : LATENCY_RATES) {
            Load.Latencies ceiling = ceiling(rate, CEILING_RUN);
            for (Appends appends : Appends.values()) {
                Step step = step(appends, rate, LATENCY_RUN);
                report.add(String.format(Locale.ROOT, "| %,d/s | %s | %,.0f/s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f |",
                        rate, appends.description, step.achievedRate, ms(step.latencies.p50()),
                        ms(step.latencies.p99()), ms(step.latencies.max()),
                        step.appliedOnce ? "yes" : "no (" + step.problem + ")", cpuPerEvent(step),
                        coresBusy(step.cpu), ms(ceiling.p50()), ms(ceiling.p99()), ms(ceiling.max()),
                        step.latencies.p99() / ceiling.p99()));
            }
        }
        report.add("");
        rebuild();
        Files.createDirectories(output.getParent());
        Files.write(output, report);
        report.forEach(System.out::println);
    }

    private record Step(double achievedRate, long appended, Load.Latencies latencies, boolean appliedOnce,
                        String problem, Optional<Duration> drainedAfter, CpuUse.Step cpu) {
        boolean sustained(int rate) {
            return achievedRate >= 0.95 * rate && appliedOnce && drainedAfter.isPresent()
                    && latencies.p99() <= KEEPING_UP_P99_MILLIS;
        }
    }

    /** Where the appends are made. */
    private enum Appends {
        IN_SERVER("in the server"), OVER_HTTP("over HTTP");

        final String description;

        Appends(String description) {
            this.description = description;
        }
    }

    /** Appends at {@code rate} for {@code duration}, then checks and measures what the consumers did with them. */
    private Step step(Appends appends, int rate, Duration duration) throws Exception {
        String run = "r" + rate + "x" + UUID.randomUUID().toString().substring(0, 6);
        System.out.printf("Appending %d events/s %s for %s ...%n", rate, appends.description, duration);
        CpuUse.Reading before = cpu.now();
        double achieved = publish(appends, run, rate, duration);
        long stored = countStored(run);
        long loadEnded = System.nanoTime();
        boolean drained = awaitApplied(run, stored, DRAIN_LIMIT);
        Optional<Duration> drainedAfter = drained
                ? Optional.of(Duration.ofNanos(System.nanoTime() - loadEnded)) : Optional.empty();
        if (!drained) {
            awaitApplied(run, stored, Duration.ofMinutes(5));
        }
        CpuUse.Step used = cpu.now().since(before);
        String problem = appliedOnceProblem(run, stored);
        Load.Latencies latencies = Load.Latencies.of(commitToHandlerMillis(run));
        Step step = new Step(achieved, stored, latencies, problem == null, problem, drainedAfter, used);
        System.out.printf("  achieved %.0f/s, p50 %s, p99 %s, max %s; CPU per event %s, cores busy %s%n", achieved,
                ms(latencies.p50()), ms(latencies.p99()), ms(latencies.max()), cpuPerEvent(step), coresBusy(used));
        return step;
    }

    /** Appends on a fixed schedule; returns the rate of appends that committed. */
    private double publish(Appends appends, String run, int rate, Duration duration) throws Exception {
        return appends == Appends.IN_SERVER ? publishInServer(run, rate, duration) : publishOverHttp(run, rate, duration);
    }

    /** Has the probe module append on a fixed schedule itself, and waits until every append has ended. */
    private double publishInServer(String run, int rate, Duration duration) throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(TestServer.http("/delivery-probe/load?run="
                        + run + "&rate=" + rate + "&seconds=" + duration.toSeconds() + "&streams=" + STREAMS))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("The probe did not start its load: " + started.statusCode() + " "
                    + started.body());
        }
        Thread.sleep(duration.toMillis());
        JsonObject progress;
        do {
            Thread.sleep(POLL.toMillis());
            progress = json(http.send(HttpRequest.newBuilder(TestServer.http("/delivery-probe/load/" + run)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (!progress.getBoolean("done"));
        long appended = progress.getJsonNumber("appended").longValue();
        long failed = progress.getJsonNumber("failed").longValue();
        if (failed > 0) {
            System.out.printf("  %d of %d appends failed (see the server log)%n", failed, appended + failed);
        }
        return appended / progress.getJsonNumber("elapsedSeconds").doubleValue();
    }

    /** Fires appends over HTTP on a fixed schedule; returns the rate of appends that were acknowledged. */
    private double publishOverHttp(String run, int rate, Duration duration) throws InterruptedException {
        long total = duration.toSeconds() * rate;
        AtomicInteger acknowledged = new AtomicInteger();
        ConcurrentLinkedQueue<CompletableFuture<HttpResponse<String>>> inFlight = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        FixedRate.run(rate, duration, n -> {
            URI uri = TestServer.http("/delivery-probe/publish?stream=" + run + "-" + (n % STREAMS) + "&note=n" + n);
            inFlight.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        if (failure == null && response.statusCode() == 200) {
                            acknowledged.incrementAndGet();
                        }
                    }));
        });
        inFlight.forEach(request -> request.exceptionally(failure -> null).join());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (acknowledged.get() < total) {
            System.out.printf("  %d of %d appends were not acknowledged%n", total - acknowledged.get(), total);
        }
        return acknowledged.get() / seconds;
    }

    private static long countStored(String run) throws SQLException {
        try (java.sql.Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement(
                     "select count(*) from event_infra.events where stream_id like ?")) {
            query.setString(1, run + "-%");
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Waits until every consumer has applied {@code stored} events of the run; false if not within {@code limit}. */
    private static boolean awaitApplied(String run, long stored, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        // one connection, polled gently: the harness shares the machine with the server it measures
        try (java.sql.Connection db = TestServer.database()) {
            while (System.nanoTime() < deadline) {
                boolean all = true;
                for (String consumer : CONSUMERS) {
                    all &= countApplied(db, consumer, run) >= stored;
                }
                if (all) {
                    return true;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        return false;
    }

    private static long countApplied(java.sql.Connection db, String consumer, String run) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select count(*) from " + consumer + ".applied where stream_id like ?")) {
            query.setString(1, run + "-%");
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Null when every consumer applied every stored event of the run exactly once; otherwise what is wrong. */
    private static String appliedOnceProblem(String run, long stored) throws SQLException {
        List<String> problems = new ArrayList<>();
        forEachConsumerRow("select count(*), count(distinct a.event_id), count(e.event_id) from %s.applied a"
                + " left join event_infra.events e on e.event_id = a.event_id where a.stream_id like ?", run,
                (consumer, row) -> {
                    if (row.getLong(1) != stored || row.getLong(2) != stored || row.getLong(3) != stored) {
                        problems.add(consumer + ": " + row.getLong(1) + " applied, " + row.getLong(2) + " distinct, "
                                + row.getLong(3) + " stored, of " + stored);
                    }
                });
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Commit of the append to the start of each consumer's handler, in milliseconds, all consumers together. */
    private static double[] commitToHandlerMillis(String run) throws SQLException {
        List<Double> millis = new ArrayList<>();
        forEachConsumerRow("select extract(epoch from a.applied_at - pg_xact_commit_timestamp(e.xmin)) * 1000"
                + " from %s.applied a join event_infra.events e on e.event_id = a.event_id"
                + " where a.stream_id like ?", run, (consumer, row) -> millis.add(row.getDouble(1)));
        return millis.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private interface RowReader {
        void read(String consumer, ResultSet row) throws SQLException;
    }

    /** Runs {@code sql} (with {@code %s} for the consumer's schema) for the run's streams in each consumer. */
    private static void forEachConsumerRow(String sql, String run, RowReader reader) throws SQLException {
        try (java.sql.Connection db = TestServer.database()) {
            for (String consumer : CONSUMERS) {
                try (PreparedStatement query = db.prepareStatement(String.format(sql, consumer))) {
                    query.setString(1, run + "-%");
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            reader.read(consumer, rows);
                        }
                    }
                }
            }
        }
    }

    /**
     * The raw hop at {@code rate}: each message is sent and committed in its own transaction, as each append is, to
     * a durable subscription; the receiver inserts a row with plain JDBC. Latency from the send's commit to the end
     * of that insert, on this JVM's clock.
     */
    private static Load.Latencies ceiling(int rate, Duration duration) throws Exception {
        System.out.printf("Ceiling at %d messages/s for %s ...%n", rate, duration);
        String subscription = "ceiling-" + UUID.randomUUID();
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://localhost:"
                + TestServer.property("meridian.test.http.port")
                + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor");
             Connection receiving = factory.createConnection(serverAccount().user(), serverAccount().password());
             java.sql.Connection db = TestServer.database();
             Statement ddl = db.createStatement()) {
            ddl.execute("create table if not exists public.ceiling_applied (id bigint generated always as identity"
                    + " primary key, event_id uuid not null, applied_at timestamptz not null default clock_timestamp())");
            Session receiver = receiving.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = receiver.createTopic("jms.topic.meridian.probe.ceiling");
            MessageConsumer consumer = receiver.createSharedDurableConsumer(topic, subscription);
            PreparedStatement insert = db.prepareStatement("insert into public.ceiling_applied (event_id) values (?)");
            consumer.setMessageListener(message -> {
                try {
                    String eventId = message.getStringProperty("eventId");
                    insert.setObject(1, UUID.fromString(eventId));
                    insert.executeUpdate();
                    appliedAt.put(eventId, System.nanoTime());
                } catch (JMSException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            receiving.start();
            sendAtRate(factory, topic, rate, duration, committedAt);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (appliedAt.size() < committedAt.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            consumer.close();
            receiver.unsubscribe(subscription);
        }
        return Load.Latencies.of(committedAt.entrySet().stream().filter(sent -> appliedAt.containsKey(sent.getKey()))
                .mapToDouble(sent -> (appliedAt.get(sent.getKey()) - sent.getValue()) / 1e6).toArray());
    }

    /** The server's own broker account, which the launcher code made on its first start: it may send to a topic. */
    private static BrokerAccount serverAccount() throws IOException {
        return DeliveryProbes.brokerAccounts(BrokerMode.EMBEDDED,
                Path.of(TestServer.property("meridian.test.base.dir")).getParent()).server();
    }

    private static void sendAtRate(ActiveMQConnectionFactory factory, Topic topic, int rate, Duration duration,
                                   Map<String, Long> committedAt) throws Exception {
        int senders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Connection> connections = new ArrayList<>();
        ThreadLocal<Session> sessions = new ThreadLocal<>();
        ThreadLocal<MessageProducer> producers = new ThreadLocal<>();
        List<Future<?>> sends = new ArrayList<>();
        try {
            FixedRate.run(rate, duration, n -> sends.add(pool.submit(() -> {
                if (sessions.get() == null) {
                    Connection connection = factory.createConnection(serverAccount().user(),
                            serverAccount().password());
                    synchronized (connections) {
                        connections.add(connection);
                    }
                    sessions.set(connection.createSession(true, Session.SESSION_TRANSACTED));
                    producers.set(sessions.get().createProducer(topic));
                }
                String eventId = UUID.randomUUID().toString();
                Message message = sessions.get().createTextMessage("{}");
                message.setStringProperty("eventId", eventId);
                producers.get().send(message);
                sessions.get().commit();
                committedAt.put(eventId, System.nanoTime());
                return null;
            })));
        } finally {
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
            for (Connection connection : connections) {
                connection.close();
            }
        }
        for (Future<?> send : sends) {
            // a failed raw send would otherwise just be missing from the ceiling's sample
            send.get();
        }
    }

    /**
     * Rebuilds one consumer's projection from the store through the admin API, each time beside a raw replay of the
     * same; {@link #REBUILDS} times, since the first pays for compiling the rebuild's code and a rebuild is judged
     * by the middle one.
     */
    private void rebuild() throws Exception {
        String projection = "notes-" + CONSUMERS.get(0);
        awaitQuietStore();
        List<String> rounds = new ArrayList<>();
        long rebuilt = 0;
        double[] rates = new double[REBUILDS];
        double[] ratios = new double[REBUILDS];
        for (int round = 0; round < REBUILDS; round++) {
            System.out.printf("Rebuilding %s (%d of %d) ...%n", projection, round + 1, REBUILDS);
            long start = System.nanoTime();
            HttpResponse<String> started = admin("POST", "/admin/api/projections/" + projection + "/rebuild");
            if (started.statusCode() != 202) {
                throw new IllegalStateException("The rebuild did not start: " + started.statusCode() + " "
                        + started.body());
            }
            JsonObject status;
            do {
                Thread.sleep(100);
                status = json(admin("GET", "/admin/api/projections/" + projection).body());
            } while (!status.getString("state").equals("LIVE"));
            rebuilt = status.getJsonNumber("rebuildTotal").longValue();
            rates[round] = rebuilt / ((System.nanoTime() - start) / 1e9);
            double ceilingRate = rawReplay();
            ratios[round] = rates[round] / ceilingRate;
            rounds.add(String.format(Locale.ROOT, "%,.0f events/s against %,.0f (%.2f)", rates[round], ceilingRate,
                    ratios[round]));
            System.out.println("  " + rounds.get(round));
        }
        report.add(String.format(Locale.ROOT, "Projection rebuild (`%s`, %,d events, batches read from the store"
                + " and summed per stream into one batched upsert), %d times in a row, each against a raw JDBC replay"
                + " of the same events into a copy of its table, summed and written the same way: %s. Median:"
                + " **%,.0f events/s**, median ratio %.2f.", projection, rebuilt, REBUILDS, String.join("; ", rounds),
                median(rates), median(ratios)));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Waits until no event has been appended for a few seconds: appends over HTTP that the load generator gave up
     * on still run in the server after an overloaded step, and a rebuild measured beside them measures them too.
     */
    private static void awaitQuietStore() throws Exception {
        Duration quiet = Duration.ofSeconds(3);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (java.sql.Connection db = TestServer.database();
             PreparedStatement head = db.prepareStatement(
                     "select coalesce(max(global_position), 0) from event_infra.events")) {
            long last = -1;
            long unchangedSince = System.nanoTime();
            while (System.nanoTime() - unchangedSince < quiet.toNanos() && System.nanoTime() < deadline) {
                try (ResultSet row = head.executeQuery()) {
                    row.next();
                    if (row.getLong(1) != last) {
                        last = row.getLong(1);
                        unchangedSince = System.nanoTime();
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static double rawReplay() throws SQLException {
        try (java.sql.Connection db = TestServer.database(); Statement ddl = db.createStatement()) {
            ddl.execute("drop table if exists public.notes_view_ceiling");
            ddl.execute("create table public.notes_view_ceiling (like " + CONSUMERS.get(0) + ".notes_view"
                    + " including all)");
            db.setAutoCommit(false);
            long start = System.nanoTime();
            long after = 0;
            long replayed = 0;
            int batchSize = 1000;
            try (PreparedStatement read = db.prepareStatement("select global_position, stream_id,"
                    + " payload ->> 'note' from event_infra.events where global_position > ?"
                    + " and event_type = 'probe.Published' order by global_position limit " + batchSize)) {
                int readInBatch;
                do {
                    read.setLong(1, after);
                    readInBatch = 0;
                    Map<String, NotesProjection.StreamNotes> perStream = new LinkedHashMap<>();
                    try (ResultSet rows = read.executeQuery()) {
                        while (rows.next()) {
                            after = rows.getLong(1);
                            NotesProjection.add(perStream, rows.getString(2), rows.getString(3), after);
                            readInBatch++;
                        }
                    }
                    NotesProjection.write(db, "public.notes_view_ceiling", perStream);
                    db.commit();
                    replayed += readInBatch;
                } while (readInBatch == batchSize);
            }
            return replayed / ((System.nanoTime() - start) / 1e9);
        }
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(TestServer.http(path))
                .header("Authorization", "Bearer " + DeliveryProbes.adminToken())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static String cpuPerEvent(Step step) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms",
                CpuUse.Step.millisPerEvent(step.cpu.server(), step.appended),
                CpuUse.Step.millisPerEvent(step.cpu.database(), step.appended),
                CpuUse.Step.millisPerEvent(step.cpu.harness(), step.appended));
    }

    private static String coresBusy(CpuUse.Step cpu) {
        return cpu.busy().isEmpty() ? "unknown" : String.format(Locale.ROOT, "%.0f %% (%.0f %%)",
                cpu.busy().get() * 100, cpu.steal().orElse(0.0) * 100);
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "—" : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
