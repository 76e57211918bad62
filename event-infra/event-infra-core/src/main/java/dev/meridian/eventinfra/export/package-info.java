/**
 * The shared part of the GDPR data export: how a module writes its section of a person's export, so that every
 * module's section has the same shape and shows the person's events the same way.
 */
package dev.meridian.eventinfra.export;
