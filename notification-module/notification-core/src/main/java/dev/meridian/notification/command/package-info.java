/**
 * The delivery log and the notification module's steps in other modules' processes: holding a mail while its
 * process runs, releasing it when the process closes, cancelling it when it is cancelled, and recording how each
 * try to send went. Every method joins the caller's transaction.
 */
package dev.meridian.notification.command;
