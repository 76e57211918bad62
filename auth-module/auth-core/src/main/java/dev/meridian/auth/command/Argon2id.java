package dev.meridian.auth.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106), computed by Bouncy Castle and kept in the PHC string format that the
 * reference implementation, libsodium and password4j write: {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>},
 * salt and hash in Base64 without padding. The parameters travel with each hash, so a hash made with earlier ones
 * still verifies and can be recognised as due for a new one.
 *
 * @param memoryKib   memory per hash, in KiB
 * @param iterations  passes over that memory
 * @param parallelism lanes (Bouncy Castle computes them one after the other, so more lanes only cost time here)
 */
record Argon2id(int memoryKib, int iterations, int parallelism) {

    private static final String ALGORITHM = "argon2id";
    private static final int VERSION = 19;
    private static final Pattern STORED = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    // what a stored hash must have at least: RFC 9106 recommends these for salts, and a shorter hash is guessable
    private static final int MIN_STORED_SALT_BYTES = 8;
    private static final int MIN_STORED_HASH_BYTES = 16;
    private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    private static final int MAX_ITERATIONS = 100;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    /**
     * RFC 9106's bounds (at least one pass, and at least 8 KiB of memory per lane), and ours: at most 4 GiB and 100
     * passes, so that a stored hash cannot make a sign-in take the server's memory or minutes of a core.
     */
    Argon2id {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iterations must be between 1 and " + MAX_ITERATIONS + ", not "
                    + iterations);
        }
        if (memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("the memory must be at most " + MAX_MEMORY_KIB + " KiB, not "
                    + memoryKib + " KiB");
        }
        if (parallelism < 1 || parallelism > 255) {
            throw new IllegalArgumentException("the parallelism must be between 1 and 255, not " + parallelism);
        }
        if (memoryKib < 8 * parallelism) {
            throw new IllegalArgumentException("the memory must be at least 8 KiB per lane (" + 8 * parallelism
                    + " KiB), not " + memoryKib + " KiB");
        }
    }

    /** Whether {@code stored} is an Argon2id hash; a hash of an earlier build is not. */
    static boolean isArgon2id(String stored) {
        return stored.startsWith("$" + ALGORITHM + "$");
    }

    /** The stored form of {@code password}, with a new random salt. */
    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return "$" + ALGORITHM + "$v=" + VERSION + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(derive(password, salt, HASH_BYTES));
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from, with the parameters {@code stored} names.
     *
     * @throws IllegalArgumentException when {@code stored} is not an Argon2id hash in the PHC string format
     */
    static boolean verify(String password, String stored) {
        Matcher parts = parse(stored);
        byte[] salt = Base64.getDecoder().decode(parts.group(4));
        byte[] expected = Base64.getDecoder().decode(parts.group(5));
        if (salt.length < MIN_STORED_SALT_BYTES || expected.length < MIN_STORED_HASH_BYTES) {
            throw new IllegalArgumentException("A stored Argon2id hash with a salt or hash too short to trust");
        }
        byte[] actual = parametersOf(parts).derive(password, salt, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code stored} was made with exactly these parameters. */
    boolean made(String stored) {
        return isArgon2id(stored) && equals(parametersOf(parse(stored)));
    }

    private byte[] derive(String password, byte[] salt, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] hash = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }

    private static Matcher parse(String stored) {
        Matcher parts = STORED.matcher(stored);
        if (!parts.matches()) {
            throw new IllegalArgumentException("Not an Argon2id hash in the PHC string format");
        }
        return parts;
    }

    private static Argon2id parametersOf(Matcher parts) {
        return new Argon2id(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
                Integer.parseInt(parts.group(3)));
    }
}
