/**
 * The user module's commands, one handler each, each handler one transaction on one profile: creating a
 * registered person's profile and discarding it when the registration is cancelled.
 */
package dev.meridian.user.command;
