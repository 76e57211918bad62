package dev.meridian.eventinfra.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the component of an event that identifies the person its {@link PersonalData} belongs to (typically a
 * user id). Every event with personal data has exactly one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface DataSubject {
}
