package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.store.EventStoreProducer;
import dev.meridian.eventinfra.store.SubjectForgotten;
import dev.meridian.eventinfra.web.Page;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The dead-letter table for operators: find parked deliveries, look into one, redrive one or all that match a
 * filter (to their consumer only), or discard one with a reason. Every action is recorded with who did it and
 * when. A forgotten person's personal data is erased from the table too.
 */
@ApplicationScoped
public class DeadLetters {

    private static final String NEXT_WAITING = """
            select id, envelope::text from event_infra.dead_letters
            where consumer = ? and stream_id = ? and status = 'WAITING'
              and not exists (select 1 from event_infra.dead_letters parked
                              where parked.consumer = ? and parked.stream_id = ? and parked.status = 'PARKED')
            order by stream_version limit 1
            """;

    @Inject
    DataSource dataSource;

    @Inject
    DeliveryRuntime runtime;

    @Inject
    EventStoreProducer eventStore;

    private DeadLetterQueries queries;
    private DeadLetterErasure erasure;

    @PostConstruct
    void connect() {
        queries = new DeadLetterQueries(dataSource);
        erasure = new DeadLetterErasure(dataSource, eventStore.store(), new WireFormat(eventStore.json()),
                eventStore.json());
    }

    /**
     * A dead letter waiting behind nothing any more, ready to be released.
     *
     * @param id           the dead letter
     * @param envelopeJson the event's envelope
     */
    record Waiting(UUID id, String envelopeJson) {
    }

    /** A page of dead letters matching {@code filter}, in {@code order}. */
    public Page<DeadLetterQueries.Summary> find(DeadLetterQueries.Filter filter, DeadLetterQueries.Order order,
                                                int page, int size) {
        return queries.find(filter, order, page, size);
    }

    /** How many dead letters match {@code filter}, however many. */
    public long count(DeadLetterQueries.Filter filter) {
        return queries.count(filter);
    }

    /** One dead letter with its envelope, stack trace and history. */
    public Optional<DeadLetterQueries.Detail> get(UUID id) {
        return queries.get(id);
    }

    /**
     * Starts a redrive of one parked dead letter to its consumer (and of what waited behind it); the outcome shows
     * in its status and history.
     *
     * @throws IllegalStateException when it is not parked or its consumer does not run in this server
     */
    public void retry(UUID id, String actor) {
        DeadLetterQueries.Detail detail = get(id).orElseThrow(() -> new NoSuchDeadLetterException(id));
        if (!"PARKED".equals(detail.summary().status())) {
            throw new IllegalStateException("Dead letter " + id + " is " + detail.summary().status()
                    + "; only a parked one can be retried (a waiting one follows its stream's parked event)");
        }
        runtime.redrive(detail.summary().consumer(), id, detail.envelope(), actor);
    }

    /**
     * Starts a redrive of every parked dead letter matching {@code filter} (whatever status it names), one after the
     * other in the background; returns how many.
     *
     * @throws IllegalStateException when a consumer of theirs does not run in this server (nothing is redriven)
     */
    public int retryMatching(DeadLetterQueries.Filter filter, String actor) {
        List<DeadLetterQueries.Match> matches = queries.matches(filter.parked());
        runtime.redriveInTurn(matches, id -> get(id).filter(parked -> "PARKED".equals(parked.summary().status())),
                actor);
        return matches.size();
    }

    /**
     * Discards a parked or waiting dead letter: it stays in the table as DISCARDED with who and why, and the
     * consumer's events of the stream that waited behind it are released.
     */
    public void discard(UUID id, String actor, String reason) {
        DeadLetterQueries.Detail detail = get(id).orElseThrow(() -> new NoSuchDeadLetterException(id));
        runtime.discard(detail.summary().consumer(), detail.summary().streamId(), id, actor, reason);
    }

    /** A person was forgotten: no dead letter may keep their personal data readable (see {@link DeadLetterErasure}). */
    void forget(@Observes SubjectForgotten forgotten) {
        erasure.forget(forgotten.subjectId());
    }

    static Waiting nextWaiting(Connection db, String consumer, String streamId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(NEXT_WAITING)) {
            query.setString(1, consumer);
            query.setString(2, streamId);
            query.setString(3, consumer);
            query.setString(4, streamId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Waiting(row.getObject(1, UUID.class), row.getString(2)) : null;
            }
        }
    }

    /** There is no dead letter with this id. */
    public static final class NoSuchDeadLetterException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoSuchDeadLetterException(UUID id) {
            super("There is no dead letter " + id);
        }
    }
}
