package dev.meridian.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Signs the tests' bearer tokens as the auth module does: RS256 with MicroProfile JWT claims. The key pair is made
 * before the server starts ({@link TokenKeysSession}) and is the server's configured pair
 * ({@code meridian.jwt.private-key-location} and {@code meridian.jwt.public-key-location} in arquillian.xml), so
 * the tests' tokens and the ones auth issues are alike to every module.
 */
final class TestTokens {

    private static KeyPair keys;

    private TestTokens() {
    }

    /** Makes the key pair and writes its public half where the server reads it; before the server starts. */
    static void createKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            writePem(keys.getPublic().getEncoded(), "PUBLIC KEY", "meridian.test.jwt.public-key");
            writePem(keys.getPrivate().getEncoded(), "PRIVATE KEY", "meridian.test.jwt.private-key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePem(byte[] der, String label, String locationProperty) throws IOException {
        Path file = Path.of(TestServer.property(locationProperty));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n");
    }

    /** An {@code Authorization} header value of an administrator, ops@meridian.dev, valid for ten minutes. */
    static String administratorBearer() {
        return "Bearer " + tokenFor("ops@meridian.dev", "user", "admin");
    }

    /** A valid token for {@code user} with {@code groups} (a JSON array's content, e.g. {@code "admin"}). */
    static String tokenFor(String user, String... groups) {
        return tokenFor(UUID.randomUUID(), user, groups);
    }

    /** A valid token for the account {@code userId} (the subject, as auth issues it), signed in as {@code user}. */
    static String tokenFor(UUID userId, String user, String... groups) {
        long now = Instant.now().getEpochSecond();
        return signed(userId, user, now, now + 600, "", groups);
    }

    /**
     * A valid token for the account {@code userId}, of a session whose password was checked at {@code signedInAt}
     * ({@code auth_time}), as auth issues after a sign-in and its refreshes.
     */
    static String tokenSignedInAt(UUID userId, String user, Instant signedInAt, String... groups) {
        long now = Instant.now().getEpochSecond();
        return signed(userId, user, now, now + 600, ",\"auth_time\":" + signedInAt.getEpochSecond(), groups);
    }

    /** A valid token for {@code user} with {@code groups} that expires at {@code expiresAt}. */
    static String tokenExpiringAt(String user, Instant expiresAt, String... groups) {
        return signed(UUID.randomUUID(), user, Instant.now().getEpochSecond(), expiresAt.getEpochSecond(), "",
                groups);
    }

    /** A token that was valid for {@code user} until a minute ago, correctly signed. */
    static String expiredTokenFor(String user, String... groups) {
        long now = Instant.now().getEpochSecond();
        return signed(UUID.randomUUID(), user, now - 660, now - 60, "", groups);
    }

    private static String signed(UUID userId, String user, long issuedAt, long expiresAt, String moreClaims,
                                 String... groups) {
        String claims = "{\"iss\":\"meridian\",\"sub\":\"" + userId + "\",\"upn\":\"" + user
                + "\",\"groups\":[" + String.join(",", java.util.Arrays.stream(groups).map(g -> "\"" + g + "\"")
                .toList()) + "],\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + ",\"jti\":\""
                + UUID.randomUUID() + "\"" + moreClaims + "}";
        String signed = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
