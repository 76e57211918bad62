/**
 * Runs Meridian on one machine with nothing installed but a JDK: an embedded PostgreSQL when no database is
 * configured, then the provisioned WildFly with the EAR, in the foreground until Ctrl-C. The integration tests
 * reuse {@link dev.meridian.launcher.EmbeddedDatabase} so they run against the same kind of database.
 */
package dev.meridian.launcher;
