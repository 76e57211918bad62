package dev.meridian.analytics.query;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/** Sign-ups per day. */
@ApplicationScoped
public class SignUpQueries {

    private static final String DAYS = """
            select day, count from analytics.signups_per_day where day between ? and ? order by day
            """;

    @Inject
    DataSource dataSource;

    /** The days from {@code from} to {@code to} (both included) with at least one sign-up, in order. */
    public List<DailyCount> between(LocalDate from, LocalDate to) {
        return Statements.query(dataSource, "read sign-ups", DAYS,
                row -> new DailyCount(row.getObject(1, LocalDate.class), row.getLong(2)), from, to);
    }
}
