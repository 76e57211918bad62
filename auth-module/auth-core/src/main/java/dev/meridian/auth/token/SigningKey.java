package dev.meridian.auth.token;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * A key that signs access tokens, and the {@code kid} every token it signs names.
 *
 * @param kid        the RFC 7638 thumbprint (SHA-256) of the public key
 * @param privateKey signs
 * @param publicKey  verifies
 * @param createdAt  when it was made: a stored key starts signing a while after it was published
 */
public record SigningKey(String kid, PrivateKey privateKey, PublicKey publicKey, Instant createdAt) {

    /** A key named by its public half's thumbprint. */
    public static SigningKey of(PrivateKey privateKey, PublicKey publicKey, Instant createdAt) {
        return new SigningKey(thumbprintOf(publicKey), privateKey, publicKey, createdAt);
    }

    static String thumbprintOf(PublicKey publicKey) {
        return new RsaJsonWebKey((RSAPublicKey) publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid + ", made " + createdAt + "]";
    }
}
