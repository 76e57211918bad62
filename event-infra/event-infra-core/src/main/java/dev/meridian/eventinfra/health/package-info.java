/**
 * Readiness as MicroProfile Health reports it at {@code /health/ready}: the shared database and the broker, with
 * each started module's part (its schema version, its topic). The checks live in the EAR's lib/ because the
 * server discovers health checks there and not inside the WARs.
 */
package dev.meridian.eventinfra.health;
