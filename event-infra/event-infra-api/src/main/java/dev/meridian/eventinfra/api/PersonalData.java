package dev.meridian.eventinfra.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} or {@code Map} component of an event as personal data of the event's {@link DataSubject}.
 * The store keeps it encrypted with that person's key; once the person is forgotten the key is gone and the
 * component reads as {@code null}, with {@link EventEnvelope#personalDataRedacted()} set.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {
}
