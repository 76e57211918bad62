package dev.meridian.auth.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account as {@code GET /api/auth/accounts/{userId}} shows it (API.md).
 *
 * @param userId    the account
 * @param email     its address; null once the person's key is shredded
 * @param roles     its roles' names
 * @param status    {@code PENDING}, {@code ACTIVE}, {@code DISABLED} or {@code CANCELLED}
 * @param createdAt when the account was registered
 */
public record AccountView(UUID userId, String email, List<String> roles, String status, Instant createdAt) {
}
