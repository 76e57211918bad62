package dev.meridian.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.meridian.it.DeliveryProbes;
import dev.meridian.it.TestServer;
import dev.meridian.it.delivery.FixedRate;
import dev.meridian.launcher.LaunchSettings.BrokerMode;
import dev.meridian.launcher.WildFlyServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registration process through the deployed EAR: {@code POST /api/auth/registrations} at fixed rates (latency)
 * and from several clients at once (throughput), every registration running the whole LRA with a real SMTP server
 * (GreenMail) receiving the welcome mails. The server's own step timers ({@code meridian.registration.step}) split
 * a registration into the coordinator's part and the modules' work. Then sign-ins to accounts it registers, beside
 * the password hash's own ceiling ({@link SignIns}).
 */
public final class RegistrationBenchmark {

    private static final int PORT_OFFSET = 400;
    private static final int SMTP_PORT = 3425;
    private static final int[] RATES = {1, 2, 4};
    private static final Duration RATE_RUN = Duration.ofSeconds(30);
    private static final int CLIENTS = 8;
    private static final Duration THROUGHPUT_RUN = Duration.ofSeconds(30);
    private static final String PASSWORD = "a benchmark passphrase";
    private static final List<String> STEPS = List.of("auth-join", "account", "profile", "sign-up", "welcome-mail",
            "close");
    private static final Pattern STEP_SUM = Pattern.compile(
            "^meridian_registration_step_seconds_(sum|count)\\{.*step=\"([a-z-]+)\".*} ([0-9.E+-]+)$");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> report = new ArrayList<>();

    private RegistrationBenchmark() {
    }

    @SuppressWarnings("try") // the database only has to run for the length of the block
    public static void main(String[] args) throws Exception {
        Path output = Path.of(args[0]);
        Path work = Path.of(TestServer.property("meridian.test.base.dir")).getParent();
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (EmbeddedPostgres postgres = Load.serverDatabase(work)) {
            DeliveryProbes.createTokenKeys();
            Path ear = DeliveryProbes.exportedMeridianWith(work.resolve("deployment/meridian.ear"),
                    CommandCeiling.probe(), CommandCeiling.CONTEXT_ROOT);
            System.out.println("Starting the server (its console: " + work.resolve("server-console.log") + ")");
            // the limits are for people; the benchmark is one client address registering thousands
            WildFlyServer server = DeliveryProbes.startServer(ear, work.resolve("wildfly-base"),
                    work.resolve("server-console.log"), PORT_OFFSET, BrokerMode.EMBEDDED, Map.of(
                            "meridian.smtp.port", String.valueOf(SMTP_PORT),
                            "meridian.rate-limit.registrations-per-address", "1000000/PT1M",
                            "meridian.rate-limit.registrations-per-account", "1000000/PT1M",
                            "meridian.rate-limit.logins-per-address", "1000000/PT1M"));
            try {
                new RegistrationBenchmark().run(output, smtp);
            } finally {
                server.stop();
            }
        } finally {
            smtp.stop();
        }
    }

    private void run(Path output, GreenMail smtp) throws Exception {
        report.add("# Registration benchmark");
        report.add("");
        report.add("`POST /api/auth/registrations` through the whole registration process (LRA coordinator in the same"
                + " server, four participants, welcome mail to a real SMTP server), "
                + Runtime.getRuntime().availableProcessors() + " cores; the load generator and the SMTP server share"
                + " them. Every registration hashes its password with Argon2id (19 MiB, 2 passes; its cost is in"
                + " \"Sign-ins\" below).");
        report.add("");
        for (int i = 0; i < 10; i++) {
            register();
        }
        Map<String, double[]> before = stepTimes();

        report.add("| target rate | achieved | p50 | p99 | max | failed |");
        report.add("|---|---|---|---|---|---|");
        for (int rate : RATES) {
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService pool = Executors.newCachedThreadPool();
            long start = System.nanoTime();
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            FixedRate.run(rate, RATE_RUN, n -> calls.add(CompletableFuture.runAsync(() -> timedRegistration(
                    latencies, failed), pool)));
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            Load.Latencies measured = Load.Latencies.of(latencies.stream().mapToDouble(Double::doubleValue)
                    .toArray());
            report.add(String.format(Locale.ROOT, "| %d/s | %.2f/s | %.0f ms | %.0f ms | %.0f ms | %d |", rate,
                    latencies.size() / seconds, measured.p50(), measured.p99(), measured.max(), failed.get()));
            // a rate the server cannot keep up with only builds a queue: higher ones tell nothing more
            if (latencies.size() / seconds < 0.9 * rate) {
                break;
            }
        }
        report.add("");

        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long deadline = System.nanoTime() + THROUGHPUT_RUN.toNanos();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                while (System.nanoTime() < deadline) {
                    timedRegistration(latencies, failed);
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(THROUGHPUT_RUN.toSeconds() + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Load.Latencies closedLoop = Load.Latencies.of(latencies.stream().mapToDouble(Double::doubleValue).toArray());
        report.add(String.format(Locale.ROOT, "Throughput with %d clients registering back to back for %d s:"
                + " **%.2f registrations/s** (p50 %.0f ms, p99 %.0f ms, %d failed).", CLIENTS,
                THROUGHPUT_RUN.toSeconds(), latencies.size() / seconds, closedLoop.p50(), closedLoop.p99(),
                failed.get()));
        report.add("");

        Map<String, double[]> after = stepTimes();
        report.add("Where a registration's time goes, from the server's step timers over every measured"
                + " registration (means):");
        report.add("");
        report.add("| step | what it includes | mean |");
        report.add("|---|---|---|");
        Map<String, String> meaning = new LinkedHashMap<>();
        meaning.put("auth-join", "one HTTP call to auth's participant: the LRA join at the coordinator, nothing else");
        meaning.put("account", "Argon2id hash, email reservation, credentials, `UserRegistered` (one transaction)");
        meaning.put("profile", "HTTP call to user: LRA join + `UserProfileCreated`");
        meaning.put("sign-up", "HTTP call to analytics: LRA join + pending sign-up row");
        meaning.put("welcome-mail", "HTTP call to notification: LRA join + held delivery row");
        meaning.put("close", "LRA close: the coordinator calls every participant's `@Complete` and auth's `@AfterLRA`");
        double join = mean(before, after, "auth-join");
        double total = 0;
        for (String step : STEPS) {
            double stepMean = mean(before, after, step);
            total += stepMean;
            report.add(String.format(Locale.ROOT, "| %s | %s | %.1f ms |", step, meaning.get(step), stepMean));
        }
        report.add("");
        // every participant call pays one join; auth's join call measures what one costs
        double coordinator = join * 4 + mean(before, after, "close");
        report.add(String.format(Locale.ROOT, "Inside the process the steps take %.0f ms; of that, the coordinator's"
                + " part (four joins at the measured %.1f ms each, and the close with its completion callbacks) is"
                + " %.0f ms, %.0f %%. The same steps without an LRA would take about %.0f ms: the account step and the"
                + " three participants' work less their joins. The LRA's start (in the resource's filter) is outside"
                + " these timers.", total, join, coordinator, 100 * coordinator / total, total - coordinator));
        report.add("");
        report.add(String.format(Locale.ROOT, "Welcome mails received by the SMTP server: %,d.",
                smtp.getReceivedMessages().length));
        report.add("");
        new SignIns(path -> DeliveryProbes.http(PORT_OFFSET, path), PASSWORD, report).run(this::registeredAccount);
        HistoryCost.People people = new HistoryCost.People() {
            @Override
            public String register() throws Exception {
                return registeredAccount();
            }

            @Override
            public JsonObject signIn(String email) throws Exception {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(DeliveryProbes.http(PORT_OFFSET,
                                "/api/auth/sessions")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\""
                                + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("A sign-in was answered " + answer.statusCode());
                }
                return HistoryCost.parse(answer.body());
            }
        };
        new HistoryCost(path -> DeliveryProbes.http(PORT_OFFSET, path), () -> "Bearer " + DeliveryProbes.adminToken(),
                report).run(people);
        List<String> bearers = new ArrayList<>();
        for (int n = 0; n < CLIENTS; n++) {
            bearers.add("Bearer " + people.signIn(people.register()).getString("accessToken"));
        }
        new CommandCeiling(path -> DeliveryProbes.http(PORT_OFFSET, path), report).run(bearers);
        Files.createDirectories(output.getParent());
        Files.write(output, report);
        report.forEach(System.out::println);
    }

    private void timedRegistration(ConcurrentLinkedQueue<Double> latencies, AtomicInteger failed) {
        long start = System.nanoTime();
        try {
            if (register() == 201) {
                latencies.add((System.nanoTime() - start) / 1e6);
                return;
            }
        } catch (Exception e) {
            // counted below like any other failed registration
        }
        failed.incrementAndGet();
    }

    /** The address of a newly registered account. */
    private String registeredAccount() throws Exception {
        String email = newAddress();
        int status = register(email);
        if (status != 201) {
            throw new IllegalStateException("Registering " + email + " was answered " + status);
        }
        return email;
    }

    private int register() throws Exception {
        return register(newAddress());
    }

    private static String newAddress() {
        return "bench-" + UUID.randomUUID() + "@example.org";
    }

    private int register(String email) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(DeliveryProbes.http(PORT_OFFSET, "/api/auth/registrations"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                        + "\",\"displayName\":\"Bench\"}")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Each step's total seconds and count so far, from the server's Prometheus endpoint. */
    private Map<String, double[]> stepTimes() throws Exception {
        URI prometheus = URI.create("http://localhost:" + (9990 + PORT_OFFSET) + "/prometheus");
        String metrics = http.send(HttpRequest.newBuilder(prometheus).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, double[]> steps = new LinkedHashMap<>();
        for (String line : metrics.split("\n")) {
            Matcher step = STEP_SUM.matcher(line);
            if (step.matches()) {
                double[] sumAndCount = steps.computeIfAbsent(step.group(2), name -> new double[2]);
                sumAndCount[step.group(1).equals("sum") ? 0 : 1] = Double.parseDouble(step.group(3));
            }
        }
        return steps;
    }

    private static double mean(Map<String, double[]> before, Map<String, double[]> after, String step) {
        double[] start = before.getOrDefault(step, new double[2]);
        double[] end = after.getOrDefault(step, new double[2]);
        double count = end[1] - start[1];
        return count == 0 ? Double.NaN : 1000 * (end[0] - start[0]) / count;
    }
}
