package dev.meridian.eventinfra.projection;

import dev.meridian.eventinfra.delivery.DeliveryRuntime;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.module.ModuleContext;
import dev.meridian.eventinfra.store.AppendsCommitted;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projections of every started module: each runs on its own thread, and operators see their status and start
 * rebuilds here ({@code /admin/api/projections}). Lag is exported as {@code meridian_projection_lag{projection}}
 * and rebuild progress as {@code meridian_projection_rebuild_done{projection}} and {@code _total}.
 */
@ApplicationScoped
public class Projections {

    private static final String STATUS = """
            select c.position, c.state, coalesce(c.rebuild_total, 0), coalesce(c.rebuild_done, 0),
                   c.rebuild_started_at, c.error, c.updated_at,
                   (select coalesce(max(global_position), 0) from event_infra.events), now(),
                   (select r.requested_by from event_infra.projection_rebuilds r where r.projection = c.projection
                    order by r.id desc limit 1)
            from event_infra.projection_checkpoints c where c.projection = ?
            """;
    private static final String REBUILDS = """
            select requested_by, requested_at, events_to_replay from event_infra.projection_rebuilds
            where projection = ? order by id desc limit ?
            """;

    private final Map<String, ProjectionRunner> runners = new ConcurrentHashMap<>();

    @Inject
    DeliveryRuntime runtime;

    /** Starts the module's projections. */
    public void start(ModuleContext module, List<Bean<?>> projectionBeans) {
        for (Bean<?> bean : projectionBeans) {
            Projection projection = (Projection) module.beanManager().getReference(bean, Projection.class,
                    module.beanManager().createCreationalContext(bean));
            String name = module.call(projection::name);
            ProjectionRunner runner = new ProjectionRunner(projection, name, module,
                    runtime.registry().namesWhoseNewestClass(newest -> module.call(projection::eventTypes).stream()
                            .anyMatch(wanted -> wanted.isAssignableFrom(newest))), runtime.dataSource(),
                    runtime.transaction(), runtime.store(), runtime.settings(), runtime.executor());
            if (runners.putIfAbsent(name, runner) != null) {
                throw new IllegalStateException("Two projections are named " + name);
            }
            var registry = runtime.metrics().registry();
            registry.gauge("meridian.projection.lag", List.of(io.micrometer.core.instrument.Tag.of("projection", name)),
                    this, projections -> projections.status(name).map(ProjectionStatus::lag).orElse(0L));
            runtime.startThread("projection-" + name, runner);
        }
    }

    /** Every projection's status, by name. */
    public List<ProjectionStatus> statuses() {
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (String name : new TreeSet<>(runners.keySet())) {
            status(name).ifPresent(statuses::add);
        }
        return statuses;
    }

    /** One projection's status; empty when no such projection runs here. */
    public Optional<ProjectionStatus> status(String name) {
        ProjectionRunner runner = runners.get(name);
        if (runner == null) {
            return Optional.empty();
        }
        try (Connection db = runtime.dataSource().getConnection()) {
            return Optional.of(statusOf(db, name, runner.moduleName()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the status of projection " + name, e);
        }
    }

    /**
     * Starts rebuilding a projection from the event store: its tables are reset now, and it catches up in the
     * background (see {@link #status(String)}). The rebuild is recorded with who asked for it.
     *
     * @param actor who asked: an operator's name
     * @return false when no such projection runs here
     */
    public boolean rebuild(String name, String actor) {
        ProjectionRunner runner = runners.get(name);
        if (runner == null) {
            return false;
        }
        runner.rebuild(actor);
        return true;
    }

    /**
     * A rebuild as recorded.
     *
     * @param requestedBy    who asked for it
     * @param requestedAt    when
     * @param eventsToReplay the events it had to replay
     */
    public record Rebuild(String requestedBy, Instant requestedAt, long eventsToReplay) {
    }

    /** The latest {@code limit} rebuilds of a projection, newest first; empty when no such projection runs here. */
    public Optional<List<Rebuild>> rebuilds(String name, int limit) {
        if (!runners.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(Statements.query(runtime.dataSource(), "read the rebuilds of projection " + name,
                REBUILDS, row -> new Rebuild(row.getString(1), instant(row.getObject(2, OffsetDateTime.class)),
                        row.getLong(3)), name, limit));
    }

    /** New events were committed: the projections that read their types look now. */
    void wakeUp(@Observes AppendsCommitted committed) {
        runners.forEach((name, runner) -> {
            if (runner.committed(committed.eventTypes())) {
                runtime.metrics().projectionWokenByCommit(name);
            }
        });
    }

    @PreDestroy
    void stop() {
        runners.values().forEach(ProjectionRunner::stop);
    }

    static ProjectionStatus statusOf(Connection db, String name, String module) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(STATUS)) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return new ProjectionStatus(name, module, 0, 0, 0, "LIVE", 0, 0, null, 0, 0, null, null, null);
                }
                long position = row.getLong(1);
                String state = row.getString(2);
                long total = row.getLong(3);
                long done = row.getLong(4);
                Instant started = instant(row.getObject(5, OffsetDateTime.class));
                Instant now = instant(row.getObject(9, OffsetDateTime.class));
                long head = row.getLong(8);
                double seconds = started == null ? 0 : Duration.between(started, now).toMillis() / 1000.0;
                double rate = seconds > 0 ? done / seconds : 0;
                long left = "REBUILDING".equals(state) && rate > 0 ? Math.round(Math.max(0, total - done) / rate) : 0;
                return new ProjectionStatus(name, module, position, head, Math.max(0, head - position), state, total,
                        done, started, rate, left, row.getString(6), instant(row.getObject(7, OffsetDateTime.class)),
                        row.getString(10));
            }
        }
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
