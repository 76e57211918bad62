package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventType;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event types the store can read and write: stable names and versions mapped to record classes. Built once
 * at deployment; a type that is not a record, lacks {@link EventType}, or reuses a name and version fails it.
 */
public final class EventTypeRegistry {

    private final Map<Class<?>, EventType> typeOfClass;
    private final Map<String, Class<? extends DomainEvent>> classOfNameAndVersion;

    private EventTypeRegistry(Map<Class<?>, EventType> typeOfClass,
                              Map<String, Class<? extends DomainEvent>> classOfNameAndVersion) {
        this.typeOfClass = Map.copyOf(typeOfClass);
        this.classOfNameAndVersion = Map.copyOf(classOfNameAndVersion);
    }

    /**
     * A registry of {@code eventClasses}; a sealed interface stands for all the records it permits.
     *
     * @throws IllegalArgumentException naming the offending class when a type is unfit or a name is taken twice
     */
    public static EventTypeRegistry of(Collection<Class<? extends DomainEvent>> eventClasses) {
        Map<Class<?>, EventType> typeOfClass = new HashMap<>();
        Map<String, Class<? extends DomainEvent>> classOfNameAndVersion = new HashMap<>();
        eventClasses.forEach(eventClass -> register(eventClass, typeOfClass, classOfNameAndVersion));
        return new EventTypeRegistry(typeOfClass, classOfNameAndVersion);
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

    /** The class of a stored name and version, if this deployment knows it. */
    public Optional<Class<? extends DomainEvent>> classOf(String name, int version) {
        return Optional.ofNullable(classOfNameAndVersion.get(key(name, version)));
    }
}
