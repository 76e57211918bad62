/**
 * The analytics module's published language: the events it publishes and the query types other modules may use. Nothing
 * else of the module is reachable from outside it.
 */
package dev.meridian.analytics.api;
