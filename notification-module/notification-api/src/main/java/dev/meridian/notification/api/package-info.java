/**
 * The notification module's published language: the events it publishes ({@link
 * dev.meridian.notification.api.NotificationEvent}) and the contract of its registration participant. Nothing else
 * of the module is reachable from outside it.
 */
package dev.meridian.notification.api;
