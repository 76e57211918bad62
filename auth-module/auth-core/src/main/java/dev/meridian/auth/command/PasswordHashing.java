package dev.meridian.auth.command;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Password hashes by Jakarta Security's PBKDF2 (the server's implementation, never our own): HMAC-SHA-512 with
 * 210,000 iterations and a 32-byte random salt, as OWASP's password storage guidance of 2023 gives for PBKDF2. The
 * stored form names the algorithm and the iterations, so they can be raised later without locking anybody out.
 *
 * <p>A sign-in with an unknown email address still verifies a password, against a hash made at start-up, so that
 * the answer takes as long as for a wrong password and does not tell which addresses have accounts.
 */
@ApplicationScoped
public class PasswordHashing {

    private static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");

    private Pbkdf2PasswordHash pbkdf2;
    private String hashOfNobody;

    /** For the CDI proxy. */
    protected PasswordHashing() {
    }

    @Inject
    public PasswordHashing(Pbkdf2PasswordHash pbkdf2) {
        this.pbkdf2 = pbkdf2;
    }

    @PostConstruct
    void initialize() {
        pbkdf2.initialize(PARAMETERS);
        byte[] nobody = new byte[32];
        new SecureRandom().nextBytes(nobody);
        hashOfNobody = hash(Base64.getEncoder().encodeToString(nobody));
    }

    /** The stored form of {@code password}: algorithm, iterations, salt and hash. */
    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /** Whether {@code password} is the one {@code storedHash} was made from. */
    public boolean verify(String password, String storedHash) {
        return pbkdf2.verify(password.toCharArray(), storedHash);
    }

    /** The work of a verification, for a sign-in without an account; always false. */
    public boolean verifyForNobody(String password) {
        pbkdf2.verify(password.toCharArray(), hashOfNobody);
        return false;
    }
}
