package dev.meridian.auth.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
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
 *
 * <p>At most {@code meridian.password-hash.concurrency} hashes (twice the cores by default) are computed at once;
 * others wait their turn. Each takes its memory (19 MiB by default) for as long as it runs, and more at once than
 * the cores can compute would only hold more memory, not finish sooner: a crowd of sign-ins, anyone's, must not
 * be able to exhaust the heap.
 */
@ApplicationScoped
public class PasswordHashing {

    static final String MEMORY_KIB = "meridian.password-hash.memory-kib";
    static final String ITERATIONS = "meridian.password-hash.iterations";
    static final String PARALLELISM = "meridian.password-hash.parallelism";
    static final String CONCURRENCY = "meridian.password-hash.concurrency";

    // the parameters builds before Argon2id hashed with
    private static final Map<String, String> EARLIER_BUILDS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");

    private Pbkdf2PasswordHash pbkdf2;
    private Argon2id argon2id;
    private String hashOfNobody;
    private Duration earlierBuildsVerification;
    private Semaphore turns;

    /** For the CDI proxy. */
    protected PasswordHashing() {
    }

    @Inject
    public PasswordHashing(Pbkdf2PasswordHash pbkdf2, Config config) {
        this(pbkdf2, configured(config), config.getOptionalValue(CONCURRENCY, Integer.class)
                .orElse(2 * Runtime.getRuntime().availableProcessors()));
    }

    PasswordHashing(Pbkdf2PasswordHash pbkdf2, Argon2id argon2id, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalStateException(CONCURRENCY + " must be at least 1, not " + concurrency);
        }
        this.pbkdf2 = pbkdf2;
        this.argon2id = argon2id;
        this.turns = new Semaphore(concurrency, true);
        hashOfNobody = hash(randomPassword());
    }

    private static String randomPassword() {
        byte[] password = new byte[32];
        new SecureRandom().nextBytes(password);
        return Base64.getEncoder().encodeToString(password);
    }

    /** The stored form of {@code password}: algorithm, parameters, salt and hash. */
    public String hash(String password) {
        return inTurn(() -> argon2id.hash(password));
    }

    /** Whether {@code password} is the one {@code storedHash} was made from, whichever way it was made. */
    public boolean verify(String password, String storedHash) {
        return inTurn(() -> Argon2id.isArgon2id(storedHash)
                ? Argon2id.verify(password, storedHash)
                : pbkdf2.verify(password.toCharArray(), storedHash));
    }

    private <T> T inTurn(Supplier<T> hashing) {
        turns.acquireUninterruptibly();
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }

    /** Whether {@code storedHash} was made another way than {@link #hash} makes one now. */
    public boolean isOutdated(String storedHash) {
        return !argon2id.made(storedHash);
    }

    /**
     * How long verifying a hash of an earlier build takes here, measured once (the first time, so on the slow side).
     * While such hashes remain, a refused sign-in takes at least this long: an address whose hash is one would
     * otherwise answer more slowly than an unknown address, and tell that it has an account.
     */
    public synchronized Duration earlierBuildsVerification() {
        if (earlierBuildsVerification == null) {
            pbkdf2.initialize(EARLIER_BUILDS);
            String standIn = pbkdf2.generate(randomPassword().toCharArray());
            long start = System.nanoTime();
            pbkdf2.verify(randomPassword().toCharArray(), standIn);
            earlierBuildsVerification = Duration.ofNanos(System.nanoTime() - start);
        }
        return earlierBuildsVerification;
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
