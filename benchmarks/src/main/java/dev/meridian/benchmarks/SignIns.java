package dev.meridian.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Sign-ins ({@code POST /api/auth/sessions}) from several clients at once, beside their ceiling in the same run:
 * the password hash alone, computed in this process with the parameters the server uses (Argon2id, 19 MiB, 2
 * passes, 1 lane) on every core, with nothing else to do. Sign-ins cannot be faster than that; how close they come
 * is what the rest of a sign-in costs. The earlier build's PBKDF2 is timed beside it.
 *
 * <p>Each client signs in to accounts of its own in turn, so that no account's history grows much during the run
 * (each sign-in appends to it).
 */
final class SignIns {

    private static final int ACCOUNTS_PER_CLIENT = 8;
    private static final int[] CLIENTS = {1, 4, 8};
    private static final Duration RUN = Duration.ofSeconds(20);
    private static final Duration HASH_RUN = Duration.ofSeconds(10);
    private static final int SINGLE_HASHES = 20;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Function<String, URI> server;
    private final String password;
    private final List<String> report;

    /**
     * @param server   a path on the server under test to its URI
     * @param password the password of every account {@code register} makes
     * @param report   the lines of the benchmark's report, to add to
     */
    SignIns(Function<String, URI> server, String password, List<String> report) {
        this.server = server;
        this.password = password;
        this.report = report;
    }

    /** Runs the measurements; {@code register} registers an account with the password and answers its address. */
    void run(Registrar register) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> accounts = new ArrayList<>();
        for (int n = 0; n < ACCOUNTS_PER_CLIENT * CLIENTS[CLIENTS.length - 1]; n++) {
            accounts.add(register.register());
        }
        for (String account : accounts.subList(0, 20)) {
            signIn(account);
        }

        double argon2idMillis = medianMillis(SINGLE_HASHES, SignIns::argon2id);
        double pbkdf2Millis = medianMillis(5, SignIns::pbkdf2);
        double ceiling = hashesPerSecond(cores);
        report.add("## Sign-ins");
        report.add("");
        report.add(String.format(Locale.ROOT, "The password hash alone, in this process: Argon2id (19 MiB, 2 passes,"
                + " 1 lane, Bouncy Castle) %.1f ms on one core (median of %d), **%.1f hashes/s** on all %d cores"
                + " for %d s: the ceiling of sign-ins here. The earlier build's PBKDF2 (HMAC-SHA-512, 210,000"
                + " iterations, the JDK's): %.1f ms on one core.", argon2idMillis, SINGLE_HASHES, ceiling, cores,
                HASH_RUN.toSeconds(), pbkdf2Millis));
        report.add("");
        report.add("| clients | sign-ins/s | of the hash's ceiling | p50 | p99 | refused or failed |");
        report.add("|---|---|---|---|---|---|");
        for (int clients : CLIENTS) {
            System.out.println("Sign-ins from " + clients + " client(s)");
            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            long deadline = start + RUN.toNanos();
            for (int c = 0; c < clients; c++) {
                List<String> own = accounts.subList(c * ACCOUNTS_PER_CLIENT, (c + 1) * ACCOUNTS_PER_CLIENT);
                pool.execute(() -> {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        long begun = System.nanoTime();
                        if (signIn(own.get(n % own.size()))) {
                            latencies.add((System.nanoTime() - begun) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(RUN.toSeconds() + 120, TimeUnit.SECONDS);
            double rate = latencies.size() / ((System.nanoTime() - start) / 1e9);
            Load.Latencies measured = Load.Latencies.of(latencies.stream().mapToDouble(Double::doubleValue)
                    .toArray());
            report.add(String.format(Locale.ROOT, "| %d | %.1f | %.2f | %.0f ms | %.0f ms | %d |", clients, rate,
                    rate / ceiling, measured.p50(), measured.p99(), failed.get()));
        }
        report.add("");
    }

    /** Registers an account with the benchmark's password. */
    interface Registrar {
        String register() throws Exception;
    }

    private boolean signIn(String email) {
        HttpRequest request = HttpRequest.newBuilder(server.apply("/api/auth/sessions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password
                        + "\"}")).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Hashes a second on {@code threads} threads hashing back to back for {@link #HASH_RUN}. */
    private static double hashesPerSecond(int threads) throws InterruptedException {
        AtomicInteger hashes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long deadline = start + HASH_RUN.toNanos();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                while (System.nanoTime() < deadline) {
                    argon2id();
                    hashes.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(HASH_RUN.toSeconds() + 60, TimeUnit.SECONDS);
        return hashes.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static double medianMillis(int runs, Runnable hash) {
        hash.run();
        double[] millis = new double[runs];
        for (int n = 0; n < runs; n++) {
            long start = System.nanoTime();
            hash.run();
            millis[n] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }

    private static void argon2id() {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(19_456).withIterations(2)
                .withParallelism(1).withSalt(salt(16)).build());
        generator.generateBytes("a benchmark passphrase".getBytes(StandardCharsets.UTF_8), new byte[32]);
    }

    private static void pbkdf2() {
        try {
            SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(new PBEKeySpec(
                    "a benchmark passphrase".toCharArray(), salt(32), 210_000, 512)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] salt(int bytes) {
        byte[] salt = new byte[bytes];
        new SecureRandom().nextBytes(salt);
        return salt;
    }
}
