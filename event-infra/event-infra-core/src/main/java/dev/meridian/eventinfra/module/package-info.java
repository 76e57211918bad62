/**
 * How a Meridian module comes to life inside the shared server: when a module's WAR starts, its schema (and
 * event-infra's own, first) is migrated with Flyway and the module is registered, so readiness can speak for
 * it. A module describes itself in its {@code META-INF/microprofile-config.properties}; it writes no start-up
 * code of its own. Nothing here knows any particular module.
 */
package dev.meridian.eventinfra.module;
