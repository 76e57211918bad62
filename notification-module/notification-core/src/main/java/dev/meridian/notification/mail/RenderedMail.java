package dev.meridian.notification.mail;

/**
 * A mail ready to send.
 *
 * @param subject its subject line
 * @param text    its plain-text body
 * @param html    its HTML body
 */
public record RenderedMail(String subject, String text, String html) {
}
