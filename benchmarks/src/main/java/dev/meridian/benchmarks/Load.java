package dev.meridian.benchmarks;

import dev.meridian.it.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * What the benchmarks share: the database of the server under test and the percentiles of what they measured
 * (their open-loop schedule is {@link dev.meridian.it.delivery.FixedRate}, which the server-side load shares).
 */
final class Load {

    private Load() {
    }

    /**
     * A real, durable PostgreSQL (fsync and synchronous commit on, commit timestamps kept) on the tests' database port,
     * with its data under {@code work} and an empty {@code meridian} database for the server under test.
     */
    static EmbeddedPostgres serverDatabase(Path work) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory(work))
                .setCleanDataDirectory(true)
                .setPort(Integer.parseInt(TestServer.property("meridian.test.db.port")))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("track_commit_timestamp", "on")
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement create = db.createStatement()) {
            create.execute("create database meridian");
        }
        return postgres;
    }

    /** Where {@link #serverDatabase(Path)} keeps its data. */
    static Path dataDirectory(Path work) {
        return work.resolve("postgres");
    }

    /**
     * Latency percentiles in milliseconds.
     *
     * @param p50 the median
     * @param p99 the 99th percentile
     * @param max the largest
     */
    record Latencies(double p50, double p99, double max) {

        static Latencies of(double[] millis) {
            if (millis.length == 0) {
                return new Latencies(Double.NaN, Double.NaN, Double.NaN);
            }
            Arrays.sort(millis);
            return new Latencies(percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1]);
        }

    }

    /** The value below which {@code fraction} of the {@code sorted} values lie. */
    static double percentile(double[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }
}
