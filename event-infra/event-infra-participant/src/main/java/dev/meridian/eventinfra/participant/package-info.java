/**
 * The bases of a module's part in a process (an LRA): a participant declares its path, its join and what closing
 * and cancelling do in its module; the base answers the coordinator. This package ships in each module's WAR, not
 * in the EAR's library (see this jar's POM).
 */
package dev.meridian.eventinfra.participant;
