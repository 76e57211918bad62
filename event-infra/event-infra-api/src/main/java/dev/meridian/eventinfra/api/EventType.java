package dev.meridian.eventinfra.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable identity of a published event: {@code name} (conventionally {@code module.EventName}) and the
 * {@code version} of its JSON shape. A change to the shape is a new version plus an upcaster from the old one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The stored and wire name, e.g. {@code auth.UserRegistered}; unique across all modules. */
    String name();

    /** The version of the event's JSON shape, from 1. */
    int version() default 1;
}
