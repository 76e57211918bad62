/**
 * The admin REST API at {@code /admin/api}: what operators use to look into event-infra. It reads and acts through
 * event-infra-core only, never through another module's tables.
 */
package dev.meridian.eventinfra.admin;
