/**
 * How analytics takes part in other modules' processes: the registration participant (an LRA participant, called
 * only by the coordinator and by this server's modules), and the listener of the user module's events that
 * answers data exports. It turns callbacks and events into commands and keeps no state.
 */
package dev.meridian.analytics.messaging;
