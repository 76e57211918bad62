package dev.meridian.auth.command;

import java.util.UUID;

/**
 * Create a pending account, as the registration process' first step.
 *
 * @param lraId    the registration process' LRA
 * @param userId   the new account's id, chosen by the process
 * @param email    the address as typed
 * @param password the password as typed
 */
public record RegisterUser(String lraId, UUID userId, String email, String password) {
}
