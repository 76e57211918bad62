/**
 * Event sourcing on top of the store: repositories that load an aggregate from its latest snapshot and the events
 * after it, and append what it recorded with the version it was loaded at.
 */
package dev.meridian.eventinfra.sourcing;
