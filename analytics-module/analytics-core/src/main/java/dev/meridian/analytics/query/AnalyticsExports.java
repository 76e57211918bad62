package dev.meridian.analytics.query;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads what analytics holds about a person for their data export. */
@ApplicationScoped
public class AnalyticsExports {

    private static final String PENDING = "select started_at from analytics.pending_signups where user_id = ?";
    private static final String LAST_SIGN_IN = "select signed_in_at from analytics.last_sign_in where user_id = ?";

    @Inject
    DataSource dataSource;

    /** Everything analytics holds about {@code userId}. */
    public AnalyticsExport of(UUID userId) {
        return new AnalyticsExport(instant(PENDING, userId), instant(LAST_SIGN_IN, userId), AnalyticsExport.COUNTS);
    }

    private Instant instant(String query, UUID userId) {
        return Statements.query(dataSource, "read what analytics holds about a person", query,
                row -> row.getTimestamp(1).toInstant(), userId).stream().findFirst().orElse(null);
    }
}
