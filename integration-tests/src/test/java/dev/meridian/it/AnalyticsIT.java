package dev.meridian.it;

import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analytics read side against the deployed EAR: sign-ins and active users follow the events, an erased
 * person leaves only counts behind, the event volume equals a count over the store itself, and rebuilt
 * projections end where the live ones were.
 */
@ExtendWith(ArquillianExtension.class)
class AnalyticsIT {

    private static final String PASSWORD = "a perfectly fine passphrase";
    // the event volume of the deployment's own modules: other tests deploy probe events too, which this deployment
    // does not know, so the projection counted only those stored while such a deployment ran
    private static final String MODULES =
            "split_part(event_type, '.', 1) in ('auth', 'user', 'notification', 'analytics')";
    private static final String STORE_VOLUME = """
            select date_trunc('hour', occurred_at at time zone 'UTC') || ' ' || event_type || ' ' || count(*)
            from event_infra.events where %s
            group by date_trunc('hour', occurred_at at time zone 'UTC'), event_type order by 1
            """.formatted(MODULES);
    private static final String PROJECTED_VOLUME = """
            select (hour at time zone 'UTC') || ' ' || event_type || ' ' || count from analytics.events_per_hour
            where %s order by 1
            """.formatted(MODULES);

    private final String admin = TestTokens.administratorBearer();

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void countsSignInsAndActiveUsersAndForgetsAnErasedPerson() throws Exception {
        String email = "counted-" + UUID.randomUUID() + "@example.org";
        String userId = TestServer.register(email, PASSWORD, "Counted Person");
        eventuallyCaughtUp();
        JsonObject before = summary();
        long loginsToday = loginsOn(LocalDate.now(ZoneOffset.UTC));

        String bearer = null;
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> session = TestServer.signIn(email, PASSWORD);
            assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
            bearer = "Bearer " + TestServer.json(session).getString("accessToken");
        }
        eventuallyCaughtUp();

        JsonObject after = summary();
        assertThat(after.getJsonNumber("loginsLast24h").longValue())
                .isEqualTo(before.getJsonNumber("loginsLast24h").longValue() + 2);
        assertThat(after.getJsonNumber("activeUsersLast24h").longValue())
                .isEqualTo(before.getJsonNumber("activeUsersLast24h").longValue() + 1);
        assertThat(after.getJsonNumber("activeUsersLast30d").longValue())
                .isGreaterThanOrEqualTo(after.getJsonNumber("activeUsersLast7d").longValue())
                .isGreaterThanOrEqualTo(after.getJsonNumber("activeUsersLast24h").longValue());
        assertThat(loggedIn(after)).isEqualTo(loggedIn(before) + 2);
        assertThat(loginsOn(LocalDate.now(ZoneOffset.UTC))).isEqualTo(loginsToday + 2);
        assertThat(count("select count(*) from analytics.last_sign_in where user_id = '" + userId + "'")).isOne();

        HttpResponse<String> erased = send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", bearer).DELETE());
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        eventuallyCaughtUp();

        JsonObject afterErasure = summary();
        assertThat(afterErasure.getJsonNumber("totalUsers").longValue())
                .isEqualTo(after.getJsonNumber("totalUsers").longValue() - 1);
        assertThat(afterErasure.getJsonNumber("activeUsersLast24h").longValue())
                .isEqualTo(after.getJsonNumber("activeUsersLast24h").longValue() - 1);
        assertThat(afterErasure.getJsonNumber("loginsLast24h").longValue()).as("counts stay")
                .isEqualTo(after.getJsonNumber("loginsLast24h").longValue());
        assertThat(count("select count(*) from analytics.last_sign_in where user_id = '" + userId + "'")).isZero();
    }

    @Test
    void countsEveryStoredEventAndRebuildsToTheSameFigures() throws Exception {
        TestServer.register("volume-" + UUID.randomUUID() + "@example.org", PASSWORD, "Volume");
        eventuallyCaughtUp();
        List<String> activity = rows("select user_id || ' ' || signed_in_at from analytics.last_sign_in order by 1");
        List<String> logins = rows("select hour || ' ' || count from analytics.logins_per_hour order by 1");

        eventuallyAsInTheStore();

        rebuild("analytics-event-volume");
        rebuild("analytics-activity");

        eventuallyAsInTheStore();
        assertThat(rows("select user_id || ' ' || signed_in_at from analytics.last_sign_in order by 1"))
                .isEqualTo(activity);
        assertThat(rows("select hour || ' ' || count from analytics.logins_per_hour order by 1")).isEqualTo(logins);
    }

    @Test
    void answersAdministratorsOnly() throws Exception {
        String stranger = "Bearer " + TestTokens.tokenFor(UUID.randomUUID(), "stranger@example.org", "user");
        for (String path : List.of("/api/analytics/summary", "/api/analytics/logins")) {
            assertThat(send(HttpRequest.newBuilder(TestServer.http(path))).statusCode()).isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(TestServer.http(path)).header("Authorization", stranger))
                    .statusCode()).isEqualTo(403);
        }
        HttpResponse<String> reversed = send(HttpRequest.newBuilder(TestServer.http(
                "/api/analytics/logins?from=2026-02-01&to=2026-01-01")).header("Authorization", admin));
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> notADate = send(HttpRequest.newBuilder(TestServer.http(
                "/api/analytics/logins?from=yesterday")).header("Authorization", admin));
        assertThat(TestServer.json(notADate).getJsonArray("violations").getJsonObject(0).getString("field"))
                .isEqualTo("from");
    }

    /** The event volume equals a count over the store (events committed meanwhile, a sent mail say, included). */
    private static void eventuallyAsInTheStore() throws Exception {
        DeliveryIT.eventually(() -> rows(PROJECTED_VOLUME).equals(rows(STORE_VOLUME)),
                "the event volume as counted in the store");
    }

    private static long loggedIn(JsonObject summary) {
        JsonObject byType = summary.getJsonObject("eventsByType");
        return byType.containsKey("auth.UserLoggedIn") ? byType.getJsonNumber("auth.UserLoggedIn").longValue() : 0;
    }

    private JsonObject summary() throws Exception {
        HttpResponse<String> summary = send(HttpRequest.newBuilder(TestServer.http("/api/analytics/summary"))
                .header("Authorization", admin));
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        return TestServer.json(summary);
    }

    private long loginsOn(LocalDate day) throws Exception {
        HttpResponse<String> days = send(HttpRequest.newBuilder(TestServer.http("/api/analytics/logins?from=" + day
                + "&to=" + day)).header("Authorization", admin));
        assertThat(days.statusCode()).as(days.body()).isEqualTo(200);
        return TestServer.json("{\"days\":" + days.body() + "}").getJsonArray("days").getValuesAs(JsonObject.class)
                .stream().mapToLong(count -> count.getJsonNumber("count").longValue()).sum();
    }

    /** Every analytics projection has applied every stored event it reads. */
    private void eventuallyCaughtUp() throws Exception {
        DeliveryIT.eventually(() -> {
            for (String projection : List.of("analytics-activity", "analytics-event-volume", "analytics-signups")) {
                JsonObject status = TestServer.json(send(HttpRequest.newBuilder(TestServer.http(
                        "/admin/api/projections/" + projection)).header("Authorization", admin)).body());
                if (!status.getString("state").equals("LIVE") || status.getJsonNumber("lag").longValue() != 0) {
                    return false;
                }
            }
            return true;
        }, "the analytics projections caught up");
    }

    private void rebuild(String projection) throws Exception {
        HttpResponse<String> rebuild = send(HttpRequest.newBuilder(TestServer.http(
                "/admin/api/projections/" + projection + "/rebuild")).header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
        eventuallyCaughtUp();
    }

    private static List<String> rows(String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = TestServer.database(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }
}
