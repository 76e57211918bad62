package dev.meridian.eventinfra.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apiguardian.api.API;
import org.eclipse.microprofile.config.Config;

/**
 * The key that wraps every key Meridian keeps in its database (each person's encryption key, the JWT signing key),
 * so that a dump or backup of the database alone decrypts nothing and signs nothing. It never goes into the
 * database: it is configured ({@code meridian.kek}, 32 bytes in Base64), or read from a file
 * ({@code meridian.kek-file}, by default {@code <server data directory>/meridian/key-encryption-key}) that is made,
 * readable by its owner only, on the first start. Every server on one database needs the same one.
 *
 * <p>A wrapped key is AES-GCM under this key, bound to what it is (its context), so a wrapped key cannot be passed
 * off as another. The key's {@link #id()} is stored beside every key it wraps: a server with another
 * key-encryption key finds out at start-up, not when a person's data reads as noise.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class KeyEncryptionKey {

    private static final int KEY_BYTES = 32;
    private static final String OWNER_ONLY = "rw-------";
    private static final String DEFAULT_FILE = "meridian/key-encryption-key";

    private final SecretKey key;
    private final String id;

    private KeyEncryptionKey(byte[] material) {
        if (material.length != KEY_BYTES) {
            throw new IllegalArgumentException("a key-encryption key has " + KEY_BYTES + " bytes, not "
                    + material.length);
        }
        this.key = new SecretKeySpec(material, "AES");
        this.id = idOf(material);
    }

    /** The key with these 32 bytes. */
    public static KeyEncryptionKey of(byte[] material) {
        return new KeyEncryptionKey(material.clone());
    }

    /** A new random key. */
    public static KeyEncryptionKey generate() {
        byte[] material = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(material);
        return new KeyEncryptionKey(material);
    }

    /**
     * The key {@code config} names: {@code meridian.kek}, else the file {@code meridian.kek-file}, else the file in
     * the server's data directory ({@code meridian.data-dir}, WildFly's {@code jboss.server.data.dir}); a file that does
     * not exist yet is made with a new key.
     */
    public static KeyEncryptionKey configured(Config config) {
        Optional<String> value = config.getOptionalValue("meridian.kek", String.class).filter(text -> !text.isBlank());
        if (value.isPresent()) {
            return fromBase64(value.get().strip(), "meridian.kek (MERIDIAN_KEK)");
        }
        Path file = config.getOptionalValue("meridian.kek-file", String.class).filter(text -> !text.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(config.getValue("meridian.data-dir", String.class), DEFAULT_FILE));
        return inFile(file);
    }

    /** The key kept in {@code file}, made now if the file does not exist. */
    public static KeyEncryptionKey inFile(Path file) {
        try {
            if (!Files.exists(file)) {
                makeFile(file);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the key-encryption key " + file, e);
        }
    }

    /**
     * Writes a new key to {@code file} in one step, readable by its owner only, unless the file exists by then: a
     * server starting beside this one reads the file whole or not at all, and the first key written is the one
     * both keep (a hard link is made only where no file is; a rename would replace it).
     */
    private static void makeFile(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path draft;
        try {
            draft = Files.createTempFile(directory, "kek", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        } catch (UnsupportedOperationException notPosix) {
            draft = Files.createTempFile(directory, "kek", ".tmp");
        }
        try {
            byte[] material = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(material);
            Files.writeString(draft, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException madeMeanwhile) {
            // the other server's key is the one
        } finally {
            Files.delete(draft);
        }
    }

    private static KeyEncryptionKey fromBase64(String text, String source) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The key-encryption key in " + source + " is not Base64", e);
        }
        if (material.length != KEY_BYTES) {
            throw new IllegalArgumentException("The key-encryption key in " + source + " has " + material.length
                    + " bytes; it needs " + KEY_BYTES + " (openssl rand -base64 32)");
        }
        return new KeyEncryptionKey(material);
    }

    private static String idOf(byte[] material) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("meridian key-encryption key ".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(sha256.digest(material), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Names this key without giving it away: stored beside every key it wraps. */
    public String id() {
        return id;
    }

    /** {@code plainKey} wrapped, bound to {@code context} (what the key is, for example its id). */
    public byte[] wrap(byte[] plainKey, String context) {
        return AesGcm.seal(key, plainKey, context.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key {@link #wrap} wrapped for {@code context}.
     *
     * @throws IllegalStateException when it was wrapped by another key-encryption key, for another context, or was
     *                               altered
     */
    public byte[] unwrap(byte[] wrappedKey, String context) {
        try {
            return AesGcm.open(key, wrappedKey, context.getBytes(StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("The key " + context + " does not unwrap with key-encryption key " + id
                    + ": it was wrapped by another, or altered", e);
        }
    }

    /**
     * Refuses to go on when {@code wrappedBy} (the ids stored beside wrapped keys) names another key-encryption key.
     *
     * @param what the keys, for the message
     */
    public void checkWrapped(Iterable<String> wrappedBy, String what) {
        for (String other : wrappedBy) {
            if (!other.equals(id)) {
                throw new IllegalStateException(what + " are wrapped by key-encryption key " + other + ", and this"
                        + " server has " + id + ": give it the same key as the servers before it (meridian.kek or"
                        + " meridian.kek-file); without it they cannot be read");
            }
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
