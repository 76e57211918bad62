/**
 * The processes the user module starts: the erasure of a person. It runs its steps under an LRA it starts through
 * the coordinator, asks each participating module to take its step over HTTP, and closes the LRA itself. It holds
 * no state: the process log does. Also the clock of data exports, which fails the overdue and deletes the expired.
 */
package dev.meridian.user.process;
