package dev.meridian.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the RSA key pair that signs access tokens comes from: PEM files named by the configuration, or else a pair
 * made once and kept in the auth schema, so that every server on the database and every restart sign alike and
 * tokens stay valid across restarts. Keys are PEM: PKCS#8 for the private key, X.509 for the public one, as
 * {@code openssl genpkey} and MicroProfile JWT use them.
 */
public final class SigningKeys {

    /** NIST SP 800-57's size for RSA keys used until 2030. */
    private static final int KEY_BITS = 2048;
    private static final String STORE_IF_NONE = """
            insert into auth.signing_keys (id, private_key, public_key) values (1, ?, ?) on conflict (id) do nothing
            """;
    private static final String STORED = "select private_key, public_key from auth.signing_keys where id = 1";

    private SigningKeys() {
    }

    /** The pair in the PEM files at these locations (paths or {@code file:} URLs). */
    public static KeyPair configured(String privateKeyLocation, String publicKeyLocation) {
        try {
            KeyPair pair = pair(fileAt(privateKeyLocation), fileAt(publicKeyLocation));
            if (!belongTogether(pair.getPrivate(), pair.getPublic())) {
                throw new IllegalArgumentException("the public key is not the private key's");
            }
            return pair;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The configured JWT keys are no RSA key pair in PEM form: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The pair kept in the database, made now if there is none yet. Two servers starting at once both make a pair;
     * the first insert wins and both read it back.
     */
    public static KeyPair stored(DataSource dataSource) {
        try (Connection db = dataSource.getConnection()) {
            Optional<KeyPair> kept = keptIn(db);
            if (kept.isPresent()) {
                return kept.get();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair made = generator.genKeyPair();
            try (PreparedStatement store = db.prepareStatement(STORE_IF_NONE)) {
                store.setString(1, pem("PRIVATE KEY", made.getPrivate().getEncoded()));
                store.setString(2, pem("PUBLIC KEY", made.getPublic().getEncoded()));
                store.executeUpdate();
            }
            return keptIn(db).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read or keep the JWT signing keys", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored JWT signing keys are unreadable", e);
        }
    }

    private static Optional<KeyPair> keptIn(Connection db) throws SQLException, GeneralSecurityException {
        try (PreparedStatement read = db.prepareStatement(STORED); ResultSet row = read.executeQuery()) {
            return row.next() ? Optional.of(pair(row.getString(1), row.getString(2))) : Optional.empty();
        }
    }

    /**
     * Writes {@code key} as PEM to {@code file}, replacing it whole, so a verifier never reads half a key.
     */
    public static void publish(PublicKey key, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), "jwt-public", ".pem");
            Files.writeString(written, pem("PUBLIC KEY", key.getEncoded()));
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JWT public key to " + file, e);
        }
    }

    private static KeyPair pair(String privatePem, String publicPem) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(derOf(publicPem, "PUBLIC KEY"))),
                rsa.generatePrivate(new PKCS8EncodedKeySpec(derOf(privatePem, "PRIVATE KEY"))));
    }

    private static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        return privateKey instanceof RSAPrivateCrtKey crt && publicKey instanceof RSAPublicKey rsa
                && crt.getModulus().equals(rsa.getModulus())
                && crt.getPublicExponent().equals(rsa.getPublicExponent());
    }

    private static String fileAt(String location) {
        Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT key " + file, e);
        }
    }

    private static byte[] derOf(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block \"" + label + "\"");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
