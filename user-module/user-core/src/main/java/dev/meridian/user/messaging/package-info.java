/**
 * How the user module takes part in other modules' processes: the registration participant (an LRA participant,
 * called only by the coordinator and by this server's modules), and the listener of the other modules' answers
 * to data exports. It turns callbacks into commands and owns no state of its own: the process log and the
 * profiles hold it.
 */
package dev.meridian.user.messaging;
