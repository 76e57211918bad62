package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.NewEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * The correlation id of the request this thread serves (API.md: {@code X-Correlation-Id}), set by
 * {@link dev.meridian.eventinfra.web.CorrelationIds} for the request's length. The store gives it to every event
 * appended meanwhile that names no correlation of its own, so the events a request caused carry its id.
 */
@API(status = API.Status.STABLE)
public final class RequestCorrelation {

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private RequestCorrelation() {
    }

    /** The id of the request this thread serves; empty outside a request. */
    public static Optional<UUID> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** This thread now serves the request {@code correlationId}; for the filter that reads it. */
    public static void set(UUID correlationId) {
        CURRENT.set(correlationId);
    }

    /** This thread's request ended. */
    public static void clear() {
        CURRENT.remove();
    }

    /** {@code events}, each naming the current request as its correlation unless it names one itself. */
    static List<NewEvent> applied(List<NewEvent> events) {
        UUID request = CURRENT.get();
        if (request == null || events.stream().allMatch(event -> event.metadata().correlationId().isPresent())) {
            return events;
        }
        return events.stream().map(event -> event.metadata().correlationId().isPresent() ? event
                : new NewEvent(event.eventId(), event.event(), event.occurredAt(), new EventMetadata(
                        Optional.of(request), event.metadata().causationId(), event.metadata().actor(),
                        event.metadata().traceContext()))).toList();
    }
}
