package dev.meridian.notification.command;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery due to be tried.
 *
 * @param id          the notification
 * @param userId      the person it is for
 * @param kind        what it is, such as {@code WELCOME}
 * @param channel     how it goes, such as {@code EMAIL}
 * @param recipient   where it goes
 * @param displayName how to greet the person; null when the mail greets nobody by name
 * @param locale      the person's language
 * @param attempts    tries made so far
 * @param link        the one-time link the mail carries, such as a password reset's; null for most kinds
 * @param linkExpiresAt when that link stops working; null without one
 */
public record Delivery(UUID id, UUID userId, String kind, String channel, String recipient, String displayName,
                       String locale, int attempts, String link, Instant linkExpiresAt) {

    @Override
    public String toString() {
        return "Delivery[" + id + ", " + kind + ", try " + (attempts + 1) + "]";
    }
}
