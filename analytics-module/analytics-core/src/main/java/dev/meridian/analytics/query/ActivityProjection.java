package dev.meridian.analytics.query;

import dev.meridian.auth.api.AccountErased;
import dev.meridian.auth.api.UserLoggedIn;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.projection.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Who signs in, from auth's {@code UserLoggedIn}: sign-ins per hour (UTC), and each account's last sign-in for the
 * active-user counts, deleted on {@code AccountErased} (which also counts the erasure, so the number of users
 * stays right). Rebuildable like every projection ({@code analytics-activity}); a rebuild replays an erased
 * person's sign-ins and then their erasure, so they are gone again at the end.
 */
@ApplicationScoped
public class ActivityProjection implements Projection {

    private static final String COUNT_LOGINS = """
            insert into analytics.logins_per_hour (hour, count) values (?, ?)
            on conflict (hour) do update set count = logins_per_hour.count + excluded.count
            """;
    private static final String SIGNED_IN = """
            insert into analytics.last_sign_in (user_id, signed_in_at) values (?, ?)
            on conflict (user_id) do update set signed_in_at = greatest(last_sign_in.signed_in_at,
                excluded.signed_in_at)
            """;
    private static final String FORGET = "delete from analytics.last_sign_in where user_id = ?";
    private static final String COUNT_ERASURE = """
            insert into analytics.erasures_per_day (day, count) values (?, 1)
            on conflict (day) do update set count = erasures_per_day.count + 1
            """;

    @Inject
    DataSource dataSource;

    @Override
    public String name() {
        return "analytics-activity";
    }

    @Override
    public Set<Class<? extends DomainEvent>> eventTypes() {
        return Set.of(UserLoggedIn.class, AccountErased.class);
    }

    @Override
    public void apply(List<EventEnvelope<DomainEvent>> events) {
        // a batch's sign-ins are summed per hour and per person first; an erasure ends the person's run
        Map<Instant, Long> loginsPerHour = new TreeMap<>();
        Map<UUID, Instant> lastSignIn = new LinkedHashMap<>();
        for (EventEnvelope<DomainEvent> event : events) {
            if (event.event() instanceof UserLoggedIn login) {
                loginsPerHour.merge(event.occurredAt().truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
                lastSignIn.merge(login.userId(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            } else if (event.event() instanceof AccountErased erased) {
                write(lastSignIn);
                lastSignIn.clear();
                Statements.update(dataSource, "forget an erased account's sign-in", FORGET, erased.userId());
                Statements.update(dataSource, "count an erasure", COUNT_ERASURE,
                        LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC));
            }
        }
        write(lastSignIn);
        loginsPerHour.forEach((hour, count) -> Statements.update(dataSource, "count sign-ins", COUNT_LOGINS,
                Timestamp.from(hour), count));
    }

    private void write(Map<UUID, Instant> lastSignIn) {
        lastSignIn.forEach((userId, at) -> Statements.update(dataSource, "record a sign-in", SIGNED_IN, userId,
                Timestamp.from(at)));
    }

    @Override
    public void reset() {
        for (String table : List.of("logins_per_hour", "last_sign_in", "erasures_per_day")) {
            Statements.update(dataSource, "reset " + table, "delete from analytics." + table);
        }
    }
}
