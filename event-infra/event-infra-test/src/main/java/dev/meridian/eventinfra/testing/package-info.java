/**
 * Test fixtures for the modules: {@link dev.meridian.eventinfra.testing.AggregateScenario} specifies an aggregate
 * as given events / when a command / then events, and {@link dev.meridian.eventinfra.testing.PublishedEventSamples}
 * proves that every version of every published event still reads. Plain Java: failures are
 * {@link java.lang.AssertionError}s that any test framework reports.
 */
package dev.meridian.eventinfra.testing;
