package dev.meridian.eventinfra.admin;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventBatch;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.delivery.BatchLoop;
import dev.meridian.eventinfra.delivery.DeliveryRuntime;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.store.AppendsCommitted;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The live view's feed: every event stored from the moment someone follows, in global order (gap-safe, so a late
 * commit is never skipped), sent to every follower as a server-sent event named {@code event} whose id is the
 * global position. One reader for all followers, on a managed thread started by the first, woken by every commit
 * and looking every second for commits of other servers; it ends when the last follower has gone.
 *
 * <p>A follower's feed ends when the token it was opened with expires: an event named {@code expired} says so, then
 * the stream closes. The token is what made the follower an administrator, so an administrator who lost the role or
 * signed out keeps the feed no longer than an access token lives (five minutes by default).
 */
@ApplicationScoped
public class LiveEvents {

    private static final Logger LOG = Logger.getLogger(LiveEvents.class.getName());
    private static final int BATCH = 500;
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final String HEAD = "select coalesce(max(global_position), 0) from event_infra.events";

    @Inject
    EventStore store;

    @Inject
    DeliveryRuntime runtime;

    @Inject
    DataSource dataSource;

    @Inject
    @ServerResource
    ManagedThreadFactory threads;

    private record Follower(SseEventSink sink, Sse sse, Instant until) {

        /** Whether the feed is over: closed by the client, or its token expired, in which case it is ended here. */
        boolean over() {
            if (!sink.isClosed() && Instant.now().isAfter(until)) {
                sink.send(sse.newEventBuilder().name("expired").data(String.class,
                        "The token this feed was opened with has expired; follow again with a new one").build());
                sink.close();
            }
            return sink.isClosed();
        }
    }

    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private volatile Reader reader;

    /** Sends {@code sink} every event stored from now on, until it closes or {@code until} has passed. */
    public synchronized void follow(SseEventSink sink, Sse sse, Instant until) {
        followers.add(new Follower(sink, sse, until));
        if (reader == null) {
            reader = new Reader(Statements.query(dataSource, "read the store's head", HEAD, row -> row.getLong(1))
                    .get(0));
            reader.startOn(threads, "meridian-live-events");
        }
    }

    void committed(@Observes AppendsCommitted committed) {
        Reader current = reader;
        if (current != null) {
            current.wakeUp();
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (reader != null) {
            reader.stop();
        }
        followers.forEach(follower -> follower.sink().close());
    }

    private final class Reader extends BatchLoop {

        private long after;

        Reader(long head) {
            super(BATCH, Duration.ofSeconds(1), Duration.ofSeconds(5));
            after = head;
        }

        @Override
        protected int runBatch() {
            followers.removeIf(Follower::over);
            synchronized (LiveEvents.this) {
                if (followers.isEmpty()) {
                    // nobody follows: no decoding every event in the background; the next follower starts anew
                    reader = null;
                    stop();
                    return 0;
                }
            }
            // events of types this deployment has no class for cannot be read: they are skipped
            EventBatch batch = store.readAll(new EventQuery(runtime.registry().names(), Optional.empty(),
                    Optional.empty()), after, BATCH);
            after = batch.nextAfterPosition();
            List<EventEnvelope<DomainEvent>> events = batch.events();
            for (EventEnvelope<DomainEvent> event : events) {
                String json = JSON.toJson(EventView.of(event));
                for (Follower follower : followers) {
                    follower.sink().send(follower.sse().newEventBuilder().name("event")
                            .id(Long.toString(event.globalPosition())).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(String.class, json).build());
                }
            }
            return events.size();
        }

        @Override
        protected void failed(Exception failure) {
            LOG.log(Level.WARNING, "Reading new events for the live view failed; trying again shortly", failure);
        }
    }
}
