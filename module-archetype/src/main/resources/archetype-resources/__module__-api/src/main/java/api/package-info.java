/**
 * The ${module} module's published language: the events it publishes. Nothing else of the module is reachable from
 * outside it.
 */
package ${package}.api;
