package dev.meridian.analytics.query;

import static dev.meridian.eventinfra.testing.ProjectionScenario.at;

import dev.meridian.auth.api.AccountActivated;
import dev.meridian.auth.api.AccountErased;
import dev.meridian.auth.api.UserLoggedIn;
import dev.meridian.eventinfra.testing.ModuleDatabase;
import dev.meridian.eventinfra.testing.ProjectionScenario;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Analytics' read models as specifications, on a real PostgreSQL with analytics' own migrations. */
class AnalyticsProjectionsTest {

    private static final String LOGINS_PER_HOUR = "select to_char(hour at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),"
            + " count from analytics.logins_per_hour order by hour";
    private static final String LAST_SIGN_INS = "select user_id, to_char(signed_in_at at time zone 'UTC',"
            + " 'YYYY-MM-DD HH24:MI') from analytics.last_sign_in order by signed_in_at";
    private static final String ERASURES_PER_DAY = "select day, count from analytics.erasures_per_day order by day";
    private static final String SIGN_UPS_PER_DAY = "select day, count from analytics.signups_per_day order by day";

    @RegisterExtension
    static final ModuleDatabase DATABASE = ModuleDatabase.withSchema("analytics");

    @Test
    void countsSignInsPerHourAndForgetsAnErasedPersonsLastSignIn() {
        UUID ada = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID bob = UUID.fromString("00000000-0000-0000-0000-00000000000b");

        ProjectionScenario.of(new ActivityProjection(), DATABASE.dataSource())
                .given(at("2026-12-01T10:15:00Z", new UserLoggedIn(ada, UUID.randomUUID())),
                        at("2026-12-01T10:40:00Z", new UserLoggedIn(bob, UUID.randomUUID())),
                        at("2026-12-01T11:05:00Z", new UserLoggedIn(ada, UUID.randomUUID())),
                        at("2026-12-02T09:00:00Z", new AccountErased(bob)),
                        at("2026-12-02T09:30:00Z", new UserLoggedIn(ada, UUID.randomUUID())))
                .thenRows(LOGINS_PER_HOUR, "2026-12-01 10:00|2", "2026-12-01 11:00|1", "2026-12-02 09:00|1")
                .thenRows(LAST_SIGN_INS, ada + "|2026-12-02 09:30")
                .thenRows(ERASURES_PER_DAY, "2026-12-02|1")
                .andAgainWhenRebuiltOneEventABatch();
    }

    @Test
    void countsSignUpsOnTheDayTheAccountBecameActive() {
        ProjectionScenario.of(new SignUpsProjection(), DATABASE.dataSource())
                .given(at("2026-12-01T23:59:00Z", new AccountActivated(UUID.randomUUID())),
                        at("2026-12-02T00:01:00Z", new AccountActivated(UUID.randomUUID())),
                        at("2026-12-02T12:00:00Z", new AccountActivated(UUID.randomUUID())))
                .thenRows(SIGN_UPS_PER_DAY, "2026-12-01|1", "2026-12-02|2")
                .andAgainWhenRebuiltOneEventABatch();
    }
}
