package dev.meridian.eventinfra.delivery;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.module.ModuleContext;
import dev.meridian.eventinfra.store.EventTypeRegistry;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A module as a consumer: its {@link Delivered} observers, the event types they observe, and how an event reaches
 * them — as module code, and only them (never another module's observers).
 *
 * @param module     the module; its name is the consumer's name in inboxes and dead letters
 * @param handlers   its delivered-event observers
 * @param eventTypes the names of the event types at least one of them observes
 */
record ConsumingModule(ModuleContext module, List<ObserverMethod<?>> handlers, Set<String> eventTypes) {

    static ConsumingModule of(ModuleContext module, List<ObserverMethod<?>> handlers, EventTypeRegistry registry) {
        Set<String> observed = registry.namesWhoseNewestClass(
                newest -> handlers.stream().anyMatch(handler -> observes(handler, newest)));
        return new ConsumingModule(module, List.copyOf(handlers), Set.copyOf(observed));
    }

    String name() {
        return module.name();
    }

    /** The module topics this consumer needs: those of the modules whose events it observes. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (String type : eventTypes) {
            topics.add(Topics.topicOf(type));
        }
        return topics;
    }

    /** Calls every observer of {@code envelope}'s event, in the caller's transaction; an observer's failure throws. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void dispatch(EventEnvelope<DomainEvent> envelope) {
        module.run(() -> {
            for (ObserverMethod handler : handlers) {
                if (observes(handler, envelope.event().getClass())) {
                    handler.notify(wantsEnvelope(handler) ? envelope : envelope.event());
                }
            }
        });
    }

    private static boolean observes(ObserverMethod<?> handler, Class<?> eventClass) {
        Type observed = handler.getObservedType();
        if (observed instanceof ParameterizedType parameterized && parameterized.getRawType() == EventEnvelope.class) {
            observed = parameterized.getActualTypeArguments()[0];
            if (observed instanceof ParameterizedType inner) {
                observed = inner.getRawType();
            }
        }
        return observed instanceof Class<?> type && type != Object.class && type != DomainEvent.class
                ? type.isAssignableFrom(eventClass)
                : observed == DomainEvent.class;
    }

    private static boolean wantsEnvelope(ObserverMethod<?> handler) {
        return handler.getObservedType() instanceof ParameterizedType parameterized
                && parameterized.getRawType() == EventEnvelope.class;
    }
}
