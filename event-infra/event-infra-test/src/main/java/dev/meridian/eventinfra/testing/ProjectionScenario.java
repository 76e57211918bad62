package dev.meridian.eventinfra.testing;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.projection.Projection;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A projection's behaviour as a specification, against a real PostgreSQL that holds its module's schema (the
 * test's own, for example an embedded one migrated with the module's migrations), without a container:
 * <pre>{@code
 * ProjectionScenario.of(new ActivityProjection(), database)
 *         .given(at("2026-12-01T10:15:00Z", new UserLoggedIn(ada, session)),
 *                at("2026-12-01T10:40:00Z", new UserLoggedIn(ada, another)))
 *         .thenRows("select hour, count from analytics.logins_per_hour", "2026-12-01 10:00:00+00|2")
 *         .andAgainWhenRebuiltOneEventABatch();
 * }</pre>
 * The history is applied as event-infra applies it: in global order, in one batch. The last step rebuilds the
 * projection (reset, then every event again) one event a batch, and checks every query asked so far answers the
 * same rows: a projection that sums a batch before writing must not depend on where batches end.
 */
public final class ProjectionScenario {

    private final Projection projection;
    private final DataSource database;

    private ProjectionScenario(Projection projection, DataSource database) {
        this.projection = projection;
        this.database = database;
    }

    /**
     * {@code projection}, reset, with {@code database} in each of its {@code @Inject DataSource} fields (what the
     * server would inject); a projection that injects anything else is refused, since this cannot provide it.
     */
    public static ProjectionScenario of(Projection projection, DataSource database) {
        for (Class<?> type = projection.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!field.isAnnotationPresent(Inject.class)) {
                    continue;
                }
                if (field.getType() != DataSource.class) {
                    throw new IllegalArgumentException(projection.getClass().getName() + " injects " + field.getType()
                            .getName() + " " + field.getName() + "; a projection scenario gives only a DataSource");
                }
                field.setAccessible(true);
                try {
                    field.set(projection, database);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("Cannot give " + field + " the database", e);
                }
            }
        }
        projection.reset();
        return new ProjectionScenario(projection, database);
    }

    /** {@code event}, as the store would hand it to a projection, had it happened at {@code instant} (ISO-8601). */
    public static Given at(String instant, DomainEvent event) {
        return new Given(Instant.parse(instant), event);
    }

    /**
     * One event of a scenario's history.
     *
     * @param occurredAt when it happened
     * @param event      the event
     */
    public record Given(Instant occurredAt, DomainEvent event) {
    }

    /** Applies {@code history}, oldest first, in one batch; the outcome is checked by queries of the read model. */
    public Outcome given(Given... history) {
        List<EventEnvelope<DomainEvent>> envelopes = new ArrayList<>();
        for (Given given : history) {
            EventType type = given.event().getClass().getAnnotation(EventType.class);
            if (type == null) {
                throw new IllegalArgumentException(given.event().getClass().getName() + " is no @EventType");
            }
            long position = envelopes.size() + 1L;
            envelopes.add(new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), "scenario-1", position,
                    position, given.occurredAt(), EventMetadata.none(), given.event(), false));
        }
        projection.apply(envelopes);
        return new Outcome(envelopes);
    }

    /** What a projection made of its history. */
    public final class Outcome {

        private final List<EventEnvelope<DomainEvent>> history;
        private final Map<String, List<String>> answers = new LinkedHashMap<>();

        private Outcome(List<EventEnvelope<DomainEvent>> history) {
            this.history = history;
        }

        /** {@code query} answers exactly {@code expected}, in order: each row's columns as text, joined by "|". */
        public Outcome thenRows(String query, String... expected) {
            List<String> rows = rows(query);
            if (!rows.equals(List.of(expected))) {
                throw new AssertionError("Expected " + query + " to answer " + List.of(expected) + " but it answered "
                        + rows);
            }
            answers.put(query, rows);
            return this;
        }

        /**
         * Rebuilds the projection, reset and then every event of the history in a batch of its own, and checks
         * that every query asked so far answers what it answered after the one batch.
         */
        public void andAgainWhenRebuiltOneEventABatch() {
            if (answers.isEmpty()) {
                throw new IllegalStateException("No query to compare: ask thenRows first");
            }
            projection.reset();
            for (EventEnvelope<DomainEvent> event : history) {
                projection.apply(List.of(event));
            }
            answers.forEach((query, expected) -> {
                List<String> rows = rows(query);
                if (!rows.equals(expected)) {
                    throw new AssertionError("After a rebuild one event a batch, " + query + " answered " + rows
                            + " instead of " + expected);
                }
            });
        }
    }

    private List<String> rows(String query) {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> answer = new ArrayList<>();
            while (rows.next()) {
                StringJoiner row = new StringJoiner("|");
                for (int column = 1; column <= columns; column++) {
                    row.add(String.valueOf(rows.getString(column)));
                }
                answer.add(row.toString());
            }
            return answer;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + query, e);
        }
    }
}
