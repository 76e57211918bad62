package dev.meridian.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Whether a command's cost grows with the history behind it: a profile update ({@code PATCH /api/users/me}), a
 * sign-in and a token refresh, each from one client on a young profile or account and on one with
 * {@value #LONG_HISTORY} earlier events, through the same server in the same run. Profiles and accounts snapshot
 * every 25 events, so both should cost the same.
 *
 * <p>The old account's history is role changes by an administrator (the cheapest command that appends to an
 * account) and {@value #SIGN_INS_WITHOUT_SIGN_OUT} sign-ins that never sign out, more than the sessions an account
 * keeps open, so its snapshot is as large as one can grow.
 */
final class HistoryCost {

    private static final int LONG_HISTORY = 10_000;
    private static final int SIGN_INS_WITHOUT_SIGN_OUT = 150;
    private static final int MEASURED = 300;
    /** Each sign-in hashes a password for about 80 ms: fewer of them say as much. */
    private static final int MEASURED_SIGN_INS = 40;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Function<String, URI> server;
    private final Supplier<String> administrator;
    private final List<String> report;

    /**
     * @param server        a path on the server under test to its URI
     * @param administrator a new bearer token of an administrator
     * @param report        the lines of the benchmark's report, to add to
     */
    HistoryCost(Function<String, URI> server, Supplier<String> administrator, List<String> report) {
        this.server = server;
        this.administrator = administrator;
        this.report = report;
    }

    /** Runs the measurements with people {@code people} registers. */
    void run(People people) throws Exception {
        String youngProfile = people.register();
        String oldProfile = people.register();
        String youngAccount = people.register();
        String oldAccount = people.register();

        System.out.println("Growing a profile and an account to " + LONG_HISTORY + " events each");
        long grown = System.nanoTime();
        String bearer = null;
        for (int n = 0; n < LONG_HISTORY; n++) {
            // access tokens live five minutes: a new one now and then
            if (n % 2_000 == 0) {
                bearer = bearerOf(people.signIn(oldProfile));
            }
            updateProfile(bearer, n);
        }
        double profileSeconds = (System.nanoTime() - grown) / 1e9;

        grown = System.nanoTime();
        String userId = claimsOf(people.signIn(oldAccount).getString("accessToken")).getString("sub");
        for (int n = 0; n < LONG_HISTORY - SIGN_INS_WITHOUT_SIGN_OUT; n++) {
            if (n % 2_000 == 0) {
                bearer = administrator.get();
            }
            changeRoles(bearer, userId, n);
        }
        for (int n = 0; n < SIGN_INS_WITHOUT_SIGN_OUT; n++) {
            people.signIn(oldAccount);
        }
        double accountSeconds = (System.nanoTime() - grown) / 1e9;

        report.add("## A command's cost against the history behind it");
        report.add("");
        report.add(String.format(Locale.ROOT, "Each command from one client, on a young profile or account and on one"
                + " with %,d earlier events, measured young, old, young again. The old profile's history is %,d"
                + " updates (made in %.0f s); the old account's is %,d role changes and %d sign-ins that never"
                + " signed out (made in %.0f s), so it holds as many open sessions as an account may.",
                LONG_HISTORY, LONG_HISTORY, profileSeconds, LONG_HISTORY - SIGN_INS_WITHOUT_SIGN_OUT,
                SIGN_INS_WITHOUT_SIGN_OUT, accountSeconds));
        report.add("");
        report.add("| command | times | young p50 | old p50 | young again p50 | old p90 | old against young, p50 |");
        report.add("|---|---|---|---|---|---|---|");
        report.add(row("`PATCH /api/users/me`", MEASURED,
                timed(MEASURED, profileUpdates(bearerOf(people.signIn(youngProfile)))),
                timed(MEASURED, profileUpdates(bearerOf(people.signIn(oldProfile)))),
                timed(MEASURED, profileUpdates(bearerOf(people.signIn(youngProfile))))));
        report.add(row("`POST /api/auth/sessions` (sign-in)", MEASURED_SIGN_INS,
                timed(MEASURED_SIGN_INS, n -> people.signIn(youngAccount)),
                timed(MEASURED_SIGN_INS, n -> people.signIn(oldAccount)),
                timed(MEASURED_SIGN_INS, n -> people.signIn(youngAccount))));
        report.add(row("`POST /api/auth/sessions/refresh`", MEASURED,
                timed(MEASURED, refreshes(people.signIn(youngAccount))),
                timed(MEASURED, refreshes(people.signIn(oldAccount))),
                timed(MEASURED, refreshes(people.signIn(youngAccount)))));
        report.add("");
        report.add("Old against young uses the mean of both young runs' medians (goal: at most 1.2).");
        report.add("");
    }

    /** Registers people and signs them in. */
    interface People {

        /** The address of a newly registered person. */
        String register() throws Exception;

        /** The token response of a new sign-in of the person with {@code email}. */
        JsonObject signIn(String email) throws Exception;
    }

    /** One command of a measured series; {@code n} counts them. */
    private interface Command {
        void run(int n) throws Exception;
    }

    private Command profileUpdates(String bearer) {
        return n -> updateProfile(bearer, n);
    }

    /** A chain of refreshes of one session, each with the token the one before it got. */
    private Command refreshes(JsonObject signedIn) {
        String[] refreshToken = {signedIn.getString("refreshToken")};
        return n -> refreshToken[0] = parse(send("POST", "/api/auth/sessions/refresh", null,
                "{\"refreshToken\":\"" + refreshToken[0] + "\"}")).getString("refreshToken");
    }

    private static double[] timed(int times, Command command) throws Exception {
        double[] millis = new double[times];
        for (int n = 0; n < times; n++) {
            long start = System.nanoTime();
            command.run(n);
            millis[n] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private void updateProfile(String bearer, int n) throws Exception {
        send("PATCH", "/api/users/me", bearer, "{\"displayName\":\"Bench " + n % 2 + "\"}");
    }

    private void changeRoles(String bearer, String userId, int n) throws Exception {
        send("PUT", "/api/auth/accounts/" + userId + "/roles", bearer,
                n % 2 == 0 ? "{\"roles\":[\"user\",\"admin\"]}" : "{\"roles\":[\"user\"]}");
    }

    private String send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.apply(path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 && answer.statusCode() != 204) {
            throw new IllegalStateException(method + " " + path + " was answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    private static String bearerOf(JsonObject signedIn) {
        return "Bearer " + signedIn.getString("accessToken");
    }

    private static JsonObject claimsOf(String token) {
        return parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String row(String command, int times, double[] young, double[] old, double[] youngAgain) {
        double oldMedian = Load.percentile(old, 0.5);
        double youngMedian = (Load.percentile(young, 0.5) + Load.percentile(youngAgain, 0.5)) / 2;
        return String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | **%.2f** |", command,
                times, Load.percentile(young, 0.5), oldMedian, Load.percentile(youngAgain, 0.5),
                Load.percentile(old, 0.9), oldMedian / youngMedian);
    }
}
