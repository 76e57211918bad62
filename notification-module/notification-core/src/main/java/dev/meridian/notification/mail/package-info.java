/**
 * Mail delivery: rendering a notification from its kind's templates (FreeMarker; HTML auto-escaped), sending it
 * through Jakarta Mail to the configured SMTP server, and the loop that sends due deliveries and retries failed
 * ones with back-off. It decides nothing about which notifications exist: the delivery log does.
 */
package dev.meridian.notification.mail;
