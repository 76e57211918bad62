/**
 * How the notification module takes part in other modules' processes: the registration participant (an LRA
 * participant, called only by the coordinator and by this server's modules), and the listener of the user
 * module's events that answers data exports and mails their links. It turns callbacks and events into commands
 * and keeps no state.
 */
package dev.meridian.notification.messaging;
