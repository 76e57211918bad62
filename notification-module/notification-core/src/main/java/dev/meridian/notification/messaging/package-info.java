/**
 * How the notification module takes part in other modules' processes: the registration participant (an LRA
 * participant, called only by the coordinator and by this server's modules). It turns callbacks into commands and
 * keeps no state.
 */
package dev.meridian.notification.messaging;
