package dev.meridian.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Whether a command's cost grows with the history behind it: {@code PATCH /api/users/me} from one client on a
 * profile with a handful of events, then on one with {@value #LONG_HISTORY} earlier events, through the same
 * server in the same run. Profiles snapshot every 25 events, so both should cost the same.
 */
final class ProfileHistory {

    private static final int LONG_HISTORY = 10_000;
    private static final int MEASURED = 300;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Function<String, URI> server;
    private final List<String> report;

    /**
     * @param server a path on the server under test to its URI
     * @param report the lines of the benchmark's report, to add to
     */
    ProfileHistory(Function<String, URI> server, List<String> report) {
        this.server = server;
        this.report = report;
    }

    /** Runs the measurement with two people {@code people} registers. */
    void run(People people) throws Exception {
        String young = people.register();
        String old = people.register();
        long grown = System.nanoTime();
        String bearer = null;
        for (int n = 0; n < LONG_HISTORY; n++) {
            // access tokens live five minutes: a new one now and then
            if (n % 2_000 == 0) {
                bearer = people.bearerOf(old);
            }
            update(bearer, n);
        }
        double growSeconds = (System.nanoTime() - grown) / 1e9;
        double[] youngMillis = updates(people.bearerOf(young));
        double[] oldMillis = updates(people.bearerOf(old));
        double[] youngAgain = updates(people.bearerOf(young));
        report.add("## A command's cost against the history behind it");
        report.add("");
        report.add(String.format(Locale.ROOT, "`PATCH /api/users/me` from one client, %d times each, on a young"
                + " profile and on one with %,d earlier events (made by the same updates in %.0f s, %.0f/s),"
                + " measured young, old, young again:", MEASURED, LONG_HISTORY, growSeconds,
                LONG_HISTORY / growSeconds));
        report.add("");
        report.add("| profile | p50 | p90 | mean |");
        report.add("|---|---|---|---|");
        report.add(row("young", youngMillis));
        report.add(row(String.format(Locale.ROOT, "%,d events", LONG_HISTORY + 1 + MEASURED), oldMillis));
        report.add(row("young, again", youngAgain));
        report.add("");
        report.add(String.format(Locale.ROOT, "Old against young (the mean of both young runs), p50: **%.2f**.",
                Load.percentile(oldMillis, 0.5)
                        / ((Load.percentile(youngMillis, 0.5) + Load.percentile(youngAgain, 0.5)) / 2)));
        report.add("");
    }

    /** Registers people and signs them in. */
    interface People {

        /** The address of a newly registered person. */
        String register() throws Exception;

        /** A new bearer token of the person with {@code email}. */
        String bearerOf(String email) throws Exception;
    }

    private double[] updates(String bearer) throws Exception {
        double[] millis = new double[MEASURED];
        for (int n = 0; n < MEASURED; n++) {
            long start = System.nanoTime();
            update(bearer, n);
            millis[n] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private void update(String bearer, int n) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.apply("/api/users/me"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Bench " + n % 2 + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("A profile update was answered " + answer.statusCode() + ": "
                    + answer.body());
        }
    }

    private static String row(String profile, double[] sortedMillis) {
        return String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms |", profile,
                Load.percentile(sortedMillis, 0.5), Load.percentile(sortedMillis, 0.9),
                Arrays.stream(sortedMillis).average().orElse(Double.NaN));
    }
}
