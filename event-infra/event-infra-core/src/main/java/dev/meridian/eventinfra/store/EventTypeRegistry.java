package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.EventUpcaster;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The event types the store can read and write: stable names and versions mapped to record classes, and the
 * upcasters that bring older stored versions to the newest one. Built once at deployment; a type that is not a
 * record, lacks {@link EventType}, or reuses a name and version fails it, and so does a second upcaster for the
 * same name and version.
 */
public final class EventTypeRegistry {

    private final Map<Class<?>, EventType> typeOfClass;
    private final Map<String, Class<? extends DomainEvent>> classOfNameAndVersion;
    private final Map<String, Integer> newestVersionOfName;
    private final Map<String, EventUpcaster> upcasterOfNameAndVersion;

    private EventTypeRegistry(Map<Class<?>, EventType> typeOfClass,
                              Map<String, Class<? extends DomainEvent>> classOfNameAndVersion,
                              Map<String, EventUpcaster> upcasterOfNameAndVersion) {
        this.typeOfClass = Map.copyOf(typeOfClass);
        this.classOfNameAndVersion = Map.copyOf(classOfNameAndVersion);
        this.upcasterOfNameAndVersion = Map.copyOf(upcasterOfNameAndVersion);
        Map<String, Integer> newest = new HashMap<>();
        typeOfClass.values().forEach(type -> newest.merge(type.name(), type.version(), Math::max));
        this.newestVersionOfName = Map.copyOf(newest);
    }

    /** A registry of {@code eventClasses} without upcasters. */
    public static EventTypeRegistry of(Collection<Class<? extends DomainEvent>> eventClasses) {
        return of(eventClasses, List.of());
    }

    /** The registry of every event and upcaster the given catalogs declare. */
    public static EventTypeRegistry of(Iterable<EventCatalog> catalogs) {
        List<Class<? extends DomainEvent>> eventClasses = new ArrayList<>();
        List<EventUpcaster> upcasters = new ArrayList<>();
        for (EventCatalog catalog : catalogs) {
            eventClasses.addAll(catalog.eventTypes());
            upcasters.addAll(catalog.upcasters());
        }
        return of(eventClasses, upcasters);
    }

    /**
     * A registry of {@code eventClasses}, where a sealed interface stands for all the records it permits, and of
     * {@code upcasters}.
     *
     * @throws IllegalArgumentException naming the offending class when a type is unfit or a name is taken twice
     */
    public static EventTypeRegistry of(Collection<Class<? extends DomainEvent>> eventClasses,
                                       Collection<EventUpcaster> upcasters) {
        Map<Class<?>, EventType> typeOfClass = new HashMap<>();
        Map<String, Class<? extends DomainEvent>> classOfNameAndVersion = new HashMap<>();
        eventClasses.forEach(eventClass -> register(eventClass, typeOfClass, classOfNameAndVersion));
        Map<String, EventUpcaster> upcasterOfNameAndVersion = new HashMap<>();
        for (EventUpcaster upcaster : upcasters) {
            EventUpcaster previous = upcasterOfNameAndVersion.putIfAbsent(
                    key(upcaster.eventType(), upcaster.fromVersion()), upcaster);
            if (previous != null) {
                throw new IllegalArgumentException("Two upcasters read " + upcaster.eventType() + " version "
                        + upcaster.fromVersion() + ": " + previous.getClass().getName() + " and "
                        + upcaster.getClass().getName());
            }
        }
        EventTypeRegistry registry = new EventTypeRegistry(typeOfClass, classOfNameAndVersion,
                upcasterOfNameAndVersion);
        registry.requireCompleteUpcasting(upcasters);
        return registry;
    }

    /** Every older version reads as the newest, and every upcaster reads a version that exists below it. */
    private void requireCompleteUpcasting(Collection<EventUpcaster> upcasters) {
        for (EventUpcaster upcaster : upcasters) {
            int newest = newestVersionOf(upcaster.eventType()).orElseThrow(() -> new IllegalArgumentException(
                    upcaster.getClass().getName() + " reads " + upcaster.eventType() + ", which no class declares"));
            if (upcaster.fromVersion() < 1 || upcaster.fromVersion() >= newest) {
                throw new IllegalArgumentException(upcaster.getClass().getName() + " reads " + upcaster.eventType()
                        + " version " + upcaster.fromVersion() + ", but the versions below the newest are 1 to "
                        + (newest - 1));
            }
        }
        newestVersionOfName.forEach((name, newest) -> {
            for (int version = 1; version < newest; version++) {
                if (!upcasterOfNameAndVersion.containsKey(key(name, version))) {
                    throw new IllegalArgumentException(name + " is at version " + newest
                            + ", but no upcaster reads version " + version + ": stored events of it would not read");
                }
            }
        });
    }

    private static void register(Class<?> eventClass, Map<Class<?>, EventType> typeOfClass,
                                 Map<String, Class<? extends DomainEvent>> classOfNameAndVersion) {
        if (eventClass.isSealed()) {
            for (Class<?> permitted : eventClass.getPermittedSubclasses()) {
                register(permitted, typeOfClass, classOfNameAndVersion);
            }
            return;
        }
        if (!eventClass.isRecord() || !DomainEvent.class.isAssignableFrom(eventClass)) {
            throw new IllegalArgumentException(eventClass.getName() + " is no record implementing DomainEvent");
        }
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
        }
        if (type.name().isBlank() || type.version() < 1) {
            throw new IllegalArgumentException(eventClass.getName() + " needs a name and a version of 1 or more");
        }
        // a misplaced @PersonalData or a missing @DataSubject fails here, at deployment
        PersonalDataVault.personalFieldsOf(eventClass);
        @SuppressWarnings("unchecked")
        Class<? extends DomainEvent> domainEventClass = (Class<? extends DomainEvent>) eventClass;
        Class<? extends DomainEvent> previous = classOfNameAndVersion.putIfAbsent(key(type.name(), type.version()),
                domainEventClass);
        if (previous != null && previous != eventClass) {
            throw new IllegalArgumentException("Event type " + type.name() + " version " + type.version()
                    + " is declared by both " + previous.getName() + " and " + eventClass.getName());
        }
        typeOfClass.put(eventClass, type);
    }

    private static String key(String name, int version) {
        return name + "@" + version;
    }

    /** The name and version under which {@code event} is stored. */
    public EventType typeOf(DomainEvent event) {
        EventType type = typeOfClass.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not a registered event type");
        }
        return type;
    }

    /** Every event name this registry knows. */
    public Set<String> names() {
        return newestVersionOfName.keySet();
    }

    /** The newest version of {@code name} this deployment has a class for, if any. */
    public Optional<Integer> newestVersionOf(String name) {
        return Optional.ofNullable(newestVersionOfName.get(name));
    }

    /** The upcaster that reads {@code name} at {@code version}, if there is one. */
    public Optional<EventUpcaster> upcasterOf(String name, int version) {
        return Optional.ofNullable(upcasterOfNameAndVersion.get(key(name, version)));
    }

    /** The class of a stored name and version, if this deployment knows it. */
    public Optional<Class<? extends DomainEvent>> classOf(String name, int version) {
        return Optional.ofNullable(classOfNameAndVersion.get(key(name, version)));
    }

    /** The names whose newest class passes {@code test}: which event types an observer of some type receives. */
    public Set<String> namesWhoseNewestClass(Predicate<Class<? extends DomainEvent>> test) {
        Set<String> names = new TreeSet<>();
        newestVersionOfName.forEach((name, version) -> {
            if (test.test(classOfNameAndVersion.get(key(name, version)))) {
                names.add(name);
            }
        });
        return names;
    }
}
