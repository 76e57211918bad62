/**
 * Delivery of stored events: the relay to the module topics on Artemis, the modules' consumers (inbox, retries,
 * per-stream order), the dead-letter table with redrive, and delivery's metrics. Modules see only
 * {@link dev.meridian.eventinfra.delivery.Delivered}; the admin WAR uses {@link dev.meridian.eventinfra.delivery.DeadLetters}.
 */
package dev.meridian.eventinfra.delivery;
