package dev.meridian.auth.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.testing.ModuleDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rate limits kept in a real PostgreSQL with auth's migrations, as two servers on one DATABASE.dataSource() see them. */
class RateLimiterTest {

    @RegisterExtension
    static final ModuleDatabase DATABASE = ModuleDatabase.withSchema("auth");

    @Test
    void oneLimitHoldsAcrossServersSharingTheDatabase() {
        RateLimiter serverA = new RateLimiter(DATABASE.dataSource());
        RateLimiter serverB = new RateLimiter(DATABASE.dataSource());
        RateLimit threePerHour = new RateLimit(3, Duration.ofHours(1));
        String key = "login-address:" + UUID.randomUUID();

        assertThat(serverA.take(key, threePerHour)).isEmpty();
        assertThat(serverB.take(key, threePerHour)).isEmpty();
        assertThat(serverA.take(key, threePerHour)).isEmpty();
        Optional<Duration> refused = serverB.take(key, threePerHour);

        assertThat(refused).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMinutes(19),
                Duration.ofMinutes(20)));
        assertThat(serverA.take("login-address:" + UUID.randomUUID(), threePerHour)).as("another key").isEmpty();
    }

    @Test
    void takesGivenBackAreAvailableAgain() {
        RateLimiter limiter = new RateLimiter(DATABASE.dataSource());
        RateLimit twice = new RateLimit(2, Duration.ofHours(1));
        String key = "login-failures:" + UUID.randomUUID();
        limiter.take(key, twice);
        limiter.take(key, twice);
        assertThat(limiter.take(key, twice)).as("used up").isPresent();

        limiter.giveBack(key, twice);

        assertThat(limiter.take(key, twice)).as("the one given back").isEmpty();
        assertThat(limiter.take(key, twice)).as("only that one").isPresent();
    }

    @Test
    void parallelTakesNeverOvertakeTheLimit() throws Exception {
        RateLimiter limiter = new RateLimiter(DATABASE.dataSource());
        RateLimit five = new RateLimit(5, Duration.ofHours(1));
        String key = "login-failures:" + UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Boolean>> takes = Collections.nCopies(20, () -> limiter.take(key, five).isEmpty());
            long allowed = 0;
            for (Future<Boolean> take : clients.invokeAll(takes)) {
                allowed += take.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(5);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void keepsOnlyHashesOfWhatItCounts() throws Exception {
        String email = "counted-" + UUID.randomUUID() + "@example.org";
        new RateLimiter(DATABASE.dataSource()).take("login-failures:" + email, new RateLimit(5, Duration.ofMinutes(5)));

        try (Connection db = DATABASE.dataSource().getConnection(); Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("select id from auth.rate_limit_buckets")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).matches("[0-9a-f]{64}").doesNotContain(email);
            }
        }
    }

    @Test
    void readsLimitsInTheirDocumentedForm() {
        assertThat(RateLimit.parse(" 20/PT1M ")).isEqualTo(new RateLimit(20, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> RateLimit.parse("20 per minute")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20/PT1M");
        assertThatThrownBy(() -> RateLimit.parse("0/PT1M")).isInstanceOf(IllegalArgumentException.class);
    }
}
