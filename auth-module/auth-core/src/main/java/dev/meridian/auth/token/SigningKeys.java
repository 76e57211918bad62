package dev.meridian.auth.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA key pairs in PEM form, PKCS#8 for the private key and X.509 for the public one, as {@code openssl genpkey}
 * and MicroProfile JWT use them: a pair configured in files, and the PEM codec of the pairs kept in the database
 * ({@link StoredSigningKeys}).
 */
public final class SigningKeys {

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

    static KeyPair pair(String privatePem, String publicPem) throws GeneralSecurityException {
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

    static byte[] derOf(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block \"" + label + "\"");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
