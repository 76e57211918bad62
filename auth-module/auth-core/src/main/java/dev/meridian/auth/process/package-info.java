/**
 * The processes auth starts: registration and password reset. A process runs its steps under an LRA, asks each
 * participating module to take its step over HTTP (the only way an LRA participant can be joined), and closes the
 * LRA itself. The registration's LRA is begun by its public resource, which answers with the outcome; a password
 * reset is worked on after its request was answered, under an LRA whose time limit is the token's lifetime. A
 * process holds no state: the process log does.
 */
package dev.meridian.auth.process;
