package dev.meridian.notification.command;

import java.util.UUID;

/**
 * A delivery due to be tried.
 *
 * @param id          the notification
 * @param userId      the person it is for
 * @param kind        what it is, such as {@code WELCOME}
 * @param channel     how it goes, such as {@code EMAIL}
 * @param recipient   where it goes
 * @param displayName how to greet the person
 * @param locale      the person's language
 * @param attempts    tries made so far
 */
public record Delivery(UUID id, UUID userId, String kind, String channel, String recipient, String displayName,
                       String locale, int attempts) {
}
