/**
 * Meters shared by the store, delivery and projections, registered once and then reused from every thread.
 */
package dev.meridian.eventinfra.metrics;
