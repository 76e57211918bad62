package dev.meridian.auth.api;

import java.util.UUID;

/**
 * How the erasure process (started by the user module) asks auth for its part: {@code PUT} {@link #PATH} with this
 * body as JSON, inside the process' LRA. The account is disabled and every session and token revoked at once; when
 * the process closes the address, credentials and tokens are deleted ({@code AccountErased}); when it is cancelled
 * the account may sign in again ({@code AccountRestored}). 200 when done, 404 without such an account, 409 when the
 * process was cancelled meanwhile.
 *
 * @param userId the person to erase
 */
public record AccountErasureRequest(UUID userId) {

    /** Where auth's erasure participant listens (not public). */
    public static final String PATH = "/api/auth/participants/erasure";
}
