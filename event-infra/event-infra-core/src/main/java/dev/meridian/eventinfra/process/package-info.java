/**
 * The process (saga) log: the long-running processes the LRA coordinator coordinates, as Meridian records them.
 * An initiating module begins and ends a process; every participating module records its part through
 * {@link dev.meridian.eventinfra.process.ProcessLog} in the same transaction as its own work, and decides from it
 * whether a callback still has something to do. It knows nothing of LRA types, only of the LRA's id.
 */
package dev.meridian.eventinfra.process;
