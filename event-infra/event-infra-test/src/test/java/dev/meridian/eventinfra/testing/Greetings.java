package dev.meridian.eventinfra.testing;

import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.EventUpcaster;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tiny published language and aggregate for the fixtures' own tests. */
final class Greetings {

    private Greetings() {
    }

    /** The events; Greeted is at version 2 (version 1 had no "how"). */
    sealed interface GreetingEvent extends DomainEvent {
    }

    @EventType(name = "test.Greeted", version = 2)
    public record Greeted(String who, String how) implements GreetingEvent {
    }

    @EventType(name = "test.Waved")
    public record Waved(String who) implements GreetingEvent {
    }

    /** Greets each person once. */
    static final class Host extends AggregateRoot<GreetingEvent> {
        private final Set<String> greeted = new HashSet<>();

        void greet(String who) {
            if (who.isBlank()) {
                throw new IllegalArgumentException("Greet somebody");
            }
            if (!greeted.contains(who)) {
                record(new Greeted(who, "warmly"));
            }
        }

        @Override
        protected void apply(GreetingEvent event) {
            if (event instanceof Greeted greetedEvent) {
                greeted.add(greetedEvent.who());
            }
        }
    }

    /** The catalog, with the upcaster of Greeted version 1. */
    static final class Catalog implements EventCatalog {
        @Override
        public List<Class<? extends DomainEvent>> eventTypes() {
            return List.of(GreetingEvent.class);
        }

        @Override
        public List<EventUpcaster> upcasters() {
            return List.of(new EventUpcaster() {
                @Override
                public String eventType() {
                    return "test.Greeted";
                }

                @Override
                public int fromVersion() {
                    return 1;
                }

                @Override
                public Map<String, Object> upcast(Map<String, Object> payload) {
                    payload.put("how", "politely");
                    return payload;
                }
            });
        }
    }

    /** The same events without the upcaster, as if somebody deleted it. */
    static final class CatalogWithoutUpcaster implements EventCatalog {
        @Override
        public List<Class<? extends DomainEvent>> eventTypes() {
            return List.of(GreetingEvent.class);
        }
    }
}
