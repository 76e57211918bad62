/**
 * The processes auth starts: registration. A process runs its steps under an LRA that the public resource began,
 * asks each participating module to take its step over HTTP (the only way an LRA participant can be joined), and
 * closes the LRA itself so that it can answer with the outcome. It holds no state: the process log does.
 */
package dev.meridian.auth.process;
