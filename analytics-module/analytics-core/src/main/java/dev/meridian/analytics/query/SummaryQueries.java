package dev.meridian.analytics.query;

import dev.meridian.eventinfra.jdbc.Statements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The summary figures and sign-ins per day, from the analytics projections. */
@ApplicationScoped
public class SummaryQueries {

    private static final String TOTALS = """
            select (select coalesce(sum(count), 0) from analytics.signups_per_day)
                 - (select coalesce(sum(count), 0) from analytics.erasures_per_day),
                   count(*) filter (where signed_in_at > now() - interval '24 hours'),
                   count(*) filter (where signed_in_at > now() - interval '7 days'),
                   count(*) filter (where signed_in_at > now() - interval '30 days'),
                   (select coalesce(sum(count), 0) from analytics.logins_per_hour
                    where hour > date_trunc('hour', now()) - interval '24 hours')
            from analytics.last_sign_in where signed_in_at > now() - interval '30 days'
            """;
    private static final String EVENTS_BY_TYPE = """
            select event_type, sum(count) from analytics.events_per_hour
            where hour > date_trunc('hour', now()) - interval '24 hours' group by event_type order by event_type
            """;
    private static final String LOGINS_PER_DAY = """
            select (hour at time zone 'UTC')::date as day, sum(count) from analytics.logins_per_hour
            where hour >= (?::date)::timestamp at time zone 'UTC'
              and hour < ((?::date) + 1)::timestamp at time zone 'UTC'
            group by day order by day
            """;

    @Inject
    DataSource dataSource;

    /** The summary now. */
    public SummaryView summary() {
        long[] totals = Statements.query(dataSource, "read the totals", TOTALS, row -> new long[] {row.getLong(1),
                row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5)}).get(0);
        Map<String, Long> eventsByType = new LinkedHashMap<>();
        Statements.query(dataSource, "read the event volume", EVENTS_BY_TYPE,
                row -> Map.entry(row.getString(1), row.getLong(2)))
                .forEach(type -> eventsByType.put(type.getKey(), type.getValue()));
        return new SummaryView(totals[0], totals[1], totals[2], totals[3], totals[4], eventsByType);
    }

    /** The days from {@code from} to {@code to} (both included, UTC) with at least one sign-in, in order. */
    public List<DailyCount> loginsBetween(LocalDate from, LocalDate to) {
        return Statements.query(dataSource, "read the sign-ins per day", LOGINS_PER_DAY,
                row -> new DailyCount(row.getObject(1, LocalDate.class), row.getLong(2)), from, to);
    }
}
