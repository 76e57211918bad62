package dev.meridian.auth.command;

import java.util.List;

/**
 * A reset token issued.
 *
 * @param token      the token, to mail once; only its hash is kept
 * @param superseded the earlier reset processes (LRA ids) whose tokens stopped working, to be cancelled
 */
public record IssuedPasswordReset(String token, List<String> superseded) {

    public IssuedPasswordReset {
        superseded = List.copyOf(superseded);
    }
}
