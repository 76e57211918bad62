package dev.meridian.auth.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.config.Config;

/**
 * Password hashes by Argon2id ({@link Argon2id}), with OWASP's password storage advice as the default: 19 MiB of
 * memory, 2 passes, 1 lane ({@code meridian.password-hash.memory-kib}, {@code .iterations}, {@code .parallelism}).
 * Hashes an earlier build made with Jakarta Security's PBKDF2 (HMAC-SHA-512, 210,000 iterations) still verify,
 * through the server's implementation; such a hash, or an Argon2id hash with other parameters than the configured
 * ones, is {@linkplain #isOutdated outdated}, and the owner's next sign-in replaces it.
 *
 * <p>A sign-in with an unknown email address still verifies a password, against a hash made at start-up, so that
 * the answer takes as long as for a wrong password and does not tell which addresses have accounts.
 */
@ApplicationScoped
public class PasswordHashing {

    static final String MEMORY_KIB = "meridian.password-hash.memory-kib";
    static final String ITERATIONS = "meridian.password-hash.iterations";
    static final String PARALLELISM = "meridian.password-hash.parallelism";

    private Pbkdf2PasswordHash pbkdf2;
    private Argon2id argon2id;
    private String hashOfNobody;

    /** For the CDI proxy. */
    protected PasswordHashing() {
    }

    @Inject
    public PasswordHashing(Pbkdf2PasswordHash pbkdf2, Config config) {
        this(pbkdf2, configured(config));
    }

    PasswordHashing(Pbkdf2PasswordHash pbkdf2, Argon2id argon2id) {
        this.pbkdf2 = pbkdf2;
        this.argon2id = argon2id;
        byte[] nobody = new byte[32];
        new SecureRandom().nextBytes(nobody);
        hashOfNobody = hash(Base64.getEncoder().encodeToString(nobody));
    }

    /** The stored form of {@code password}: algorithm, parameters, salt and hash. */
    public String hash(String password) {
        return argon2id.hash(password);
    }

    /** Whether {@code password} is the one {@code storedHash} was made from, whichever way it was made. */
    public boolean verify(String password, String storedHash) {
        return Argon2id.isArgon2id(storedHash)
                ? Argon2id.verify(password, storedHash)
                : pbkdf2.verify(password.toCharArray(), storedHash);
    }

    /** Whether {@code storedHash} was made another way than {@link #hash} makes one now. */
    public boolean isOutdated(String storedHash) {
        return !argon2id.made(storedHash);
    }

    /** The work of a verification, for a sign-in without an account; always false. */
    public boolean verifyForNobody(String password) {
        verify(password, hashOfNobody);
        return false;
    }

    private static Argon2id configured(Config config) {
        try {
            return new Argon2id(config.getOptionalValue(MEMORY_KIB, Integer.class).orElse(19_456),
                    config.getOptionalValue(ITERATIONS, Integer.class).orElse(2),
                    config.getOptionalValue(PARALLELISM, Integer.class).orElse(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("meridian.password-hash.*: " + e.getMessage(), e);
        }
    }
}
