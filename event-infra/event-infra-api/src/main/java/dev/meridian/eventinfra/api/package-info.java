/**
 * What every module programs against and nothing more: domain events and their envelope, the event store port,
 * aggregates. Plain Java with no framework types, so a domain model can use it and stay free of frameworks.
 */
package dev.meridian.eventinfra.api;
