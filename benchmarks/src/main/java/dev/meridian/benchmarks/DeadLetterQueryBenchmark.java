package dev.meridian.benchmarks;

import static dev.meridian.benchmarks.Load.percentile;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meridian.eventinfra.delivery.DeadLetterQueries;
import dev.meridian.eventinfra.delivery.DeadLetterQueries.Filter;
import dev.meridian.eventinfra.delivery.DeadLetterQueries.Order;
import dev.meridian.eventinfra.delivery.DeadLetterQueries.Summary;
import dev.meridian.eventinfra.module.ModuleStartup;
import dev.meridian.eventinfra.module.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The console's dead-letter queries on a table of 100,000 parked rows (and 10,000 in other states), each shape of
 * filter the console sends measured as the console runs it ({@link DeadLetterQueries#find}: the page and its count)
 * beside its ceiling in the same run: reading the same page's rows by their primary keys, which is what any query
 * must at least do to answer. Writes a Markdown table and the executed plans to the given file.
 */
public final class DeadLetterQueryBenchmark {

    private static final int PARKED = 100_000;
    private static final int OTHERS = PARKED / 10;
    private static final int WARM_UP = 20;
    private static final int MEASURED = 200;
    private static final int PAGE_SIZE = 50;

    /**
     * Rows as delivery writes them: seven consumers' worth of failures over 12 event types, five kinds of error (one
     * naming the row's stream), an envelope of about 800 bytes with its payload, one failure every 25 seconds
     * (about a month). Every eleventh row is waiting, resolved or discarded.
     */
    private static final String SEED = """
            insert into event_infra.dead_letters (id, consumer, event_id, event_type, event_version, stream_id,
                stream_version, global_position, occurred_at, correlation_id, envelope, error, stack_trace, attempts,
                status, first_failed_at, last_failed_at, created_at)
            select gen_random_uuid(), consumer, event_id, event_type, 1, stream_id, n % 50, n, at, correlation_id,
                   jsonb_build_object('eventId', event_id, 'type', event_type, 'version', 1, 'streamId', stream_id,
                       'streamVersion', n % 50, 'globalPosition', n, 'occurredAt', at,
                       'correlationId', correlation_id, 'causationId', null,
                       'payload', jsonb_build_object('userId', user_id, 'email', 'person' || n || '@example.org',
                           'displayName', 'Person ' || n, 'locale', 'en', 'roles', jsonb_build_array('user')),
                       'metadata', jsonb_build_object('actor', user_id::text, 'module', consumer)),
                   (array['SMTP server refused the connection: Connection refused (localhost:2525)',
                          'ConstraintViolationException: duplicate key value violates unique constraint "profiles_pkey"',
                          'IllegalStateException: no template welcome for locale xx',
                          'JsonbException: Unable to deserialize property ''roles''',
                          'timeout after 30000 ms waiting for a lock on stream ' || stream_id])[1 + n % 5],
                   repeat('at dev.meridian.notification.Mailer.send(Mailer.java:42)' || chr(10), 30), 5,
                   case when n % 11 = 0 then (array['WAITING', 'RESOLVED', 'DISCARDED'])[1 + (n / 11) % 3]
                        else 'PARKED' end,
                   at, at + interval '2 minutes', at
            from (select n, md5(n::text)::uuid as user_id, 'account-' || md5(n::text)::uuid as stream_id,
                         gen_random_uuid() as event_id, gen_random_uuid() as correlation_id,
                         now() - n * interval '25 seconds' as at,
                         (array['notification', 'notification', 'notification', 'analytics', 'analytics', 'user',
                                'auth'])[1 + n % 7] as consumer,
                         (array['user.UserRegistered', 'user.UserProfileCreated', 'auth.UserLoggedIn',
                                'auth.LoginFailed', 'auth.PasswordResetRequested', 'user.UserErasureRequested',
                                'auth.RolesChanged', 'notification.EmailSent', 'user.UserDataExportRequested',
                                'auth.AccountErased', 'user.ProfileUpdated', 'auth.SessionEnded'])[1 + (n / 7) % 12]
                                as event_type
                  from generate_series(1, ?) n) rows
            """;
    private static final String BY_IDS = """
            select id, consumer, event_id, event_type, stream_id, error, attempts, status, first_failed_at,
                   last_failed_at, created_at, resolved_at
            from event_infra.dead_letters where id = any(?)
            """;

    /**
     * One kind of query the console sends.
     *
     * @param name   what an operator asks
     * @param filter its filter
     * @param order  its order
     * @param page   the page asked for
     */
    private record Shape(String name, Filter filter, Order order, int page) {
    }

    private final HikariDataSource pool;
    private final DeadLetterQueries queries;
    private final List<String> report = new ArrayList<>();
    private final List<String> plans = new ArrayList<>();

    private DeadLetterQueryBenchmark(HikariDataSource pool) {
        this.pool = pool;
        this.queries = new DeadLetterQueries(pool);
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "dead-letter-benchmark.md");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(2);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                SchemaMigrations.migrate(pool, ModuleStartup.EVENT_INFRA_SCHEMA,
                        DeadLetterQueryBenchmark.class.getClassLoader());
                new DeadLetterQueryBenchmark(pool).run(output);
            }
        }
    }

    private void run(Path output) throws Exception {
        long seeding = System.nanoTime();
        execute(SEED, PARKED + OTHERS);
        execute("vacuum analyze event_infra.dead_letters");
        System.out.printf("Seeded %,d dead letters in %.1f s%n", PARKED + OTHERS, (System.nanoTime() - seeding) / 1e9);

        report.add("| query | rows matched | Meridian p50 / p95 / p99 (ms) | ceiling p50 / p95 (ms) | p95 ratio |");
        report.add("|---|---|---|---|---|");
        List<Double> all = new ArrayList<>();
        for (Shape shape : shapes()) {
            all.addAll(measure(shape));
        }
        double[] everything = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String summary = String.format("All %d queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms "
                + "(goal: p95 under 50 ms).", everything.length, percentile(everything, 0.50),
                percentile(everything, 0.95), percentile(everything, 0.99), everything[everything.length - 1]);
        String text = String.join("\n", report) + "\n\n" + summary + "\n\n## Plans\n\n" + String.join("\n", plans);
        Files.writeString(output, text);
        System.out.println();
        System.out.println(String.join("\n", report));
        System.out.println(summary);
        System.out.println("Written to " + output.toAbsolutePath());
    }

    private List<Shape> shapes() throws Exception {
        String stream = single("select stream_id from event_infra.dead_letters where global_position = 54321");
        String correlation = single("select correlation_id::text from event_infra.dead_letters"
                + " where global_position = 12345");
        Instant now = Instant.now();
        Filter parked = Filter.all().parked();
        return List.of(
                new Shape("everything, newest first", Filter.all(), Order.NEWEST, 0),
                new Shape("parked", parked, Order.NEWEST, 0),
                new Shape("parked, page 100", parked, Order.NEWEST, 100),
                new Shape("parked, oldest first", parked, Order.OLDEST, 0),
                new Shape("parked, latest failure first", parked, Order.LAST_FAILED_NEWEST, 0),
                new Shape("parked for notification", with(parked, "notification", null), Order.NEWEST, 0),
                new Shape("parked for auth, auth.LoginFailed", with(parked, "auth", "auth.LoginFailed"),
                        Order.NEWEST, 0),
                new Shape("parked in the last 24 hours",
                        new Filter(Optional.empty(), Optional.empty(), Optional.of("PARKED"),
                                Optional.of(now.minus(1, ChronoUnit.DAYS)), Optional.empty(), Optional.empty()),
                        Order.NEWEST, 0),
                new Shape("parked in one hour a week ago",
                        new Filter(Optional.empty(), Optional.empty(), Optional.of("PARKED"),
                                Optional.of(now.minus(7, ChronoUnit.DAYS)),
                                Optional.of(now.minus(7, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)),
                                Optional.empty()), Order.NEWEST, 0),
                new Shape("text in a fifth of the errors (\"smtp server\")", text(Filter.all(), "smtp server"),
                        Order.NEWEST, 0),
                new Shape("parked, text in a fifth of the errors, for analytics",
                        text(with(parked, "analytics", null), "SMTP server"), Order.NEWEST, 0),
                new Shape("text: a stream id", text(Filter.all(), stream), Order.NEWEST, 0),
                new Shape("text: a correlation id, parked", text(parked, correlation), Order.NEWEST, 0),
                new Shape("text: a person's email", text(Filter.all(), "person77777@example.org"), Order.NEWEST, 0),
                new Shape("text that matches nothing", text(Filter.all(), "no such text anywhere"), Order.NEWEST,
                        0));
    }

    private List<Double> measure(Shape shape) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            queries.find(shape.filter(), shape.order(), shape.page(), PAGE_SIZE);
        }
        double[] meridian = new double[MEASURED];
        double[] ceiling = new double[MEASURED];
        long matched = 0;
        boolean exact = true;
        for (int i = 0; i < MEASURED; i++) {
            long started = System.nanoTime();
            var page = queries.find(shape.filter(), shape.order(), shape.page(), PAGE_SIZE);
            meridian[i] = (System.nanoTime() - started) / 1e6;
            matched = page.total();
            exact = page.totalExact();
            UUID[] ids = page.items().stream().map(Summary::id).toArray(UUID[]::new);
            started = System.nanoTime();
            readByIds(ids);
            ceiling[i] = (System.nanoTime() - started) / 1e6;
        }
        List<Double> measured = Arrays.stream(meridian).boxed().toList();
        double[] sortedMeridian = Arrays.stream(meridian).sorted().toArray();
        double[] sortedCeiling = Arrays.stream(ceiling).sorted().toArray();
        double p95 = percentile(sortedMeridian, 0.95);
        double ceilingP95 = percentile(sortedCeiling, 0.95);
        String row = String.format("| %s | %s | %.2f / %.2f / %.2f | %.2f / %.2f | %.1f |", shape.name(),
                exact ? String.format("%,d", matched) : String.format("more than %,d", matched),
                percentile(sortedMeridian, 0.50), p95, percentile(sortedMeridian, 0.99),
                percentile(sortedCeiling, 0.50), ceilingP95, p95 / ceilingP95);
        report.add(row);
        System.out.println(row);
        plans.add("### " + shape.name() + "\n\n```\n"
                + String.join("\n", queries.explainFind(shape.filter(), shape.order(), shape.page(), PAGE_SIZE))
                + "\n```\n");
        return measured;
    }

    private void readByIds(UUID[] ids) throws Exception {
        try (Connection db = pool.getConnection(); PreparedStatement query = db.prepareStatement(BY_IDS)) {
            query.setArray(1, db.createArrayOf("uuid", ids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
        }
    }

    private static Filter with(Filter filter, String consumer, String eventType) {
        return new Filter(Optional.ofNullable(consumer), Optional.ofNullable(eventType), filter.status(),
                filter.from(), filter.to(), filter.text());
    }

    private static Filter text(Filter filter, String text) {
        return new Filter(filter.consumer(), filter.eventType(), filter.status(), filter.from(), filter.to(),
                Optional.of(text));
    }

    private String single(String sql) throws Exception {
        try (Connection db = pool.getConnection(); Statement query = db.createStatement();
             ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private void execute(String sql, Object... values) throws Exception {
        try (Connection db = pool.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.execute();
        }
    }
}
