package dev.meridian.benchmarks;

import dev.meridian.benchmarks.ceiling.CeilingApplication;
import dev.meridian.benchmarks.ceiling.CeilingJsonBinding;
import dev.meridian.benchmarks.ceiling.CeilingNote;
import dev.meridian.benchmarks.ceiling.CeilingResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A command over HTTP beside its ceiling in the same server: {@code PATCH /api/users/me} against the ceiling probe
 * ({@link CeilingResource}: the same bearer token and body, one JTA transaction, one JDBC insert), each from 1 and
 * from 8 clients, every client with a profile of its own. The profile update does the probe's work and more: it
 * loads the profile (snapshot and events after it), appends its event and wakes the relay; the ratio says what that
 * costs.
 */
final class CommandCeiling {

    /** The probe's context root. */
    static final String CONTEXT_ROOT = "/ceiling-probe";
    private static final int[] CLIENTS = {1, 8};
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newHttpClient();
    private final Function<String, URI> server;
    private final List<String> report;

    /**
     * @param server a path on the server under test to its URI
     * @param report the lines of the benchmark's report, to add to
     */
    CommandCeiling(Function<String, URI> server, List<String> report) {
        this.server = server;
        this.report = report;
    }

    /** The probe as a web module of its own, with a schema for its table; the EAR must have it at {@link #CONTEXT_ROOT}. */
    static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "ceiling-probe.war")
                .addClasses(CeilingApplication.class, CeilingResource.class, CeilingNote.class,
                        CeilingJsonBinding.class)
                .addAsResource(new StringAsset("meridian.module.name=ceiling\nmeridian.module.version=1\n"
                        + "meridian.module.schema=ceiling\n"), "META-INF/microprofile-config.properties")
                .addAsResource(CommandCeiling.class.getResource("/ceiling-probe/V1__notes.sql"),
                        "db/migration/ceiling/V1__notes.sql")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                // the filters every module's requests pass, so the probe pays for them too
                .setWebXML(new StringAsset("""
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <filter>
                                <filter-name>correlation-ids</filter-name>
                                <filter-class>dev.meridian.eventinfra.web.CorrelationIds</filter-class>
                            </filter>
                            <filter-mapping>
                                <filter-name>correlation-ids</filter-name>
                                <url-pattern>/*</url-pattern>
                            </filter-mapping>
                            <filter>
                                <filter-name>no-store</filter-name>
                                <filter-class>dev.meridian.eventinfra.web.NoStore</filter-class>
                            </filter>
                            <filter-mapping>
                                <filter-name>no-store</filter-name>
                                <url-pattern>/*</url-pattern>
                            </filter-mapping>
                            <listener>
                                <listener-class>dev.meridian.eventinfra.module.ModuleStartupListener</listener-class>
                            </listener>
                        </web-app>
                        """));
    }

    /** Runs the measurements; {@code bearers} are bearer tokens of people with a profile each, one per client. */
    void run(List<String> bearers) throws Exception {
        report.add("## A command over HTTP against its ceiling");
        report.add("");
        report.add("`PATCH /api/users/me` beside the ceiling probe in the same server (the same bearer token and"
                + " body, one JTA transaction, one JDBC insert into the same database), each client with a profile"
                + " of its own, back to back for " + RUN.toSeconds() + " s after " + WARM_UP.toSeconds()
                + " s of warming up; the load generator shares the cores.");
        report.add("");
        report.add("| clients | profile updates/s | probe/s | of the probe's throughput | update p50 | probe p50"
                + " | p50 against the probe's | failed |");
        report.add("|---|---|---|---|---|---|---|---|");
        for (int clients : CLIENTS) {
            System.out.println("Profile updates and the ceiling probe from " + clients + " client(s)");
            List<String> signedIn = bearers.subList(0, clients);
            Result update = closedLoop(signedIn, "PATCH", "/api/users/me");
            Result probe = closedLoop(signedIn, "POST", CONTEXT_ROOT + "/notes");
            report.add(String.format(Locale.ROOT, "| %d | %.0f | %.0f | **%.2f** | %.1f ms | %.1f ms | **%.2f** | %d |",
                    clients, update.perSecond(), probe.perSecond(), update.perSecond() / probe.perSecond(),
                    update.latencies().p50(), probe.latencies().p50(),
                    update.latencies().p50() / probe.latencies().p50(), update.failed() + probe.failed()));
        }
        report.add("");
        report.add("Goals: at least 0.7 of the probe's throughput, and a p50 at most 1.5 times the probe's.");
        report.add("");
    }

    private record Result(double perSecond, Load.Latencies latencies, int failed) {
    }

    private Result closedLoop(List<String> bearers, String method, String path) throws Exception {
        run(bearers, method, path, WARM_UP, new ConcurrentLinkedQueue<>(), new AtomicInteger());
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        double seconds = run(bearers, method, path, RUN, latencies, failed);
        return new Result(latencies.size() / seconds,
                Load.Latencies.of(latencies.stream().mapToDouble(Double::doubleValue).toArray()), failed.get());
    }

    private double run(List<String> bearers, String method, String path, Duration length,
                       ConcurrentLinkedQueue<Double> latencies, AtomicInteger failed) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(bearers.size());
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        for (String bearer : bearers) {
            clients.execute(() -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(server.apply(path))
                        .header("Authorization", bearer).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30));
                for (int n = 0; System.nanoTime() < deadline; n++) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> answer = http.send(request.method(method, HttpRequest.BodyPublishers
                                .ofString("{\"displayName\":\"Bench " + n % 2 + "\"}")).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() == 200) {
                            latencies.add((System.nanoTime() - sent) / 1e6);
                            continue;
                        }
                    } catch (Exception e) {
                        // counted below like a refusal
                    }
                    failed.incrementAndGet();
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
        return (System.nanoTime() - start) / 1e9;
    }
}
