package dev.meridian.auth.web;

import java.util.List;

/**
 * The body of {@code PUT /api/auth/accounts/{userId}/roles}.
 *
 * @param roles every role the account is to have ({@code user}, {@code admin})
 */
public record RolesChange(List<String> roles) {
}
