package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.launcher.LaunchSettings.BrokerMode;
import dev.meridian.launcher.WildFlyServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The keys Meridian keeps in its database, on a server that keeps them there (no key pair configured, as the run
 * command starts it): the JWT signing keys and each person's key are wrapped by the key-encryption key, so the
 * tables read straight from the database decrypt nothing and sign nothing; the signing keys rotate, every token
 * names its key ({@code kid}), every module verifies through the JWK set, a new key is published before it signs,
 * and a token of the previous key verifies until it expires. The server's keys rotate every ten minutes and are
 * published ten seconds before they sign; the test makes the first key ten minutes old to have it rotated now.
 */
class StoredKeysIT {

    private static final String PASSWORD = "a long passphrase";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int portOffset = Integer.parseInt(TestServer.property("meridian.test.port.offset"));
    private final Path baseDirectory = Path.of(TestServer.property("meridian.test.base.dir"))
            .resolveSibling("stored-keys");
    private WildFlyServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void keysAreWrappedAndSigningKeysRotateWhileOldTokensVerifyUntilTheyExpire() throws Exception {
        Path ear = DeliveryProbes.exportedMeridian(baseDirectory.resolve("deployment/meridian.ear"));
        server = DeliveryProbes.startServer(ear, baseDirectory.resolve("wildfly-base"),
                baseDirectory.resolve("server-console.log"), portOffset, BrokerMode.EMBEDDED, Map.of(
                        "meridian.jwt.private-key-location", "",
                        "meridian.jwt.public-key-location", "",
                        "meridian.jwt.key-rotation", "PT10M",
                        "meridian.jwt.key-publication-lead", "PT10S",
                        "meridian.jwt.access-token-lifetime", "PT60S",
                        // the verifiers may fetch the key set again at once for an unknown kid (a minute apart by
                        // default, far shorter than the ten minutes a key is published before it signs)
                        "smallrye.jwt.jwks.forced-refresh-interval", "0"));
        String email = "keys-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        HttpResponse<String> registered = send(post("/api/auth/registrations", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Kay\"}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String userId = TestServer.json(registered.body()).getString("userId");

        String first = signIn(email);
        String firstKid = kidOf(first);
        assertThat(publishedKids()).containsExactly(firstKid);
        assertThat(me(first)).as("verified through the JWK set").isEqualTo(200);
        assertThat(me(forgedWithKid(firstKid))).as("another key's signature under a known kid").isEqualTo(401);

        assertKeyTablesAreUselessWithoutTheKeyEncryptionKey(userId, email);

        try (Connection db = TestServer.database(); PreparedStatement age = db.prepareStatement(
                "update auth.signing_keys set created_at = now() - interval '11 minutes'")) {
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
        // each server reads the keys again every 30 seconds
        within(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> publishedKids().size() == 2,
                "the next key published");
        String beforeTheSwitch = signIn(email);
        assertThat(kidOf(beforeTheSwitch)).as("a published key does not sign before its lead").isEqualTo(firstKid);
        String[] afterTheSwitch = new String[1];
        // a sign-in every 3 s, well within the sign-ins a client address may make
        within(Duration.ofSeconds(60), Duration.ofSeconds(3), () -> {
            afterTheSwitch[0] = signIn(email);
            return !kidOf(afterTheSwitch[0]).equals(firstKid);
        }, "tokens signed with the next key");

        assertThat(publishedKids()).contains(kidOf(afterTheSwitch[0]), firstKid);
        assertThat(me(afterTheSwitch[0])).as("a token of the new key").isEqualTo(200);
        assertThat(me(beforeTheSwitch)).as("a token of the previous key, not expired").isEqualTo(200);
    }

    private void assertKeyTablesAreUselessWithoutTheKeyEncryptionKey(String userId, String email) throws Exception {
        byte[] keyEncryptionKey = Base64.getDecoder().decode(Files.readString(
                Path.of(TestServer.property("meridian.test.kek-file"))).strip());
        try (Connection db = TestServer.database()) {
            try (PreparedStatement query = db.prepareStatement("select private_key, kek_id from auth.signing_keys");
                 ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).doesNotContain("PRIVATE KEY");
                assertThat(rows.getString(2)).isNotBlank();
            }
            JsonObject sealed;
            String eventId;
            try (PreparedStatement query = db.prepareStatement("select event_id::text, payload::text"
                    + " from event_infra.events where stream_id = ? and event_type = 'auth.UserRegistered'")) {
                query.setString(1, "account-" + userId);
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    eventId = row.getString(1);
                    sealed = TestServer.json(row.getString(2)).getJsonObject("email");
                }
            }
            byte[] storedKey;
            String keyId = sealed.getString("key");
            try (PreparedStatement query = db.prepareStatement(
                    "select key, kek_id from event_infra.subject_keys where key_id = ?::uuid")) {
                query.setString(1, keyId);
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    storedKey = row.getBytes(1);
                    assertThat(row.getString(2)).isNotBlank();
                }
            }
            byte[] value = Base64.getDecoder().decode(((JsonString) sealed.get("$encrypted")).getString());
            byte[] context = (eventId + "/email").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> open(Arrays.copyOf(storedKey, 32), value, context))
                    .as("the stored key as it is").isInstanceOf(AEADBadTagException.class);
            byte[] personsKey = open(keyEncryptionKey, storedKey,
                    ("subject key " + keyId).getBytes(StandardCharsets.UTF_8));
            assertThat(new String(open(personsKey, value, context), StandardCharsets.UTF_8))
                    .as("with the key-encryption key").isEqualTo(email);
        }
    }

    /** AES-GCM as Meridian seals: the IV, then the ciphertext and tag. */
    private static byte[] open(byte[] key, byte[] sealed, byte[] associatedData) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }

    private String signIn(String email) throws Exception {
        HttpResponse<String> session = send(post("/api/auth/sessions", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        return TestServer.json(session.body()).getString("accessToken");
    }

    private int me(String token) throws Exception {
        return send(HttpRequest.newBuilder(DeliveryProbes.http(portOffset, "/api/users/me"))
                .header("Authorization", "Bearer " + token)).statusCode();
    }

    private List<String> publishedKids() throws Exception {
        HttpResponse<String> keys = send(HttpRequest.newBuilder(DeliveryProbes.http(portOffset, "/api/auth/jwks")));
        assertThat(keys.statusCode()).isEqualTo(200);
        return TestServer.json(keys.body()).getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .map(key -> key.getString("kid")).toList();
    }

    private static String kidOf(String token) {
        return TestServer.json(new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8)).getString("kid");
    }

    /** A token that names {@code kid} but is signed with a key of the forger's. */
    private static String forgedWithKid(String kid) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String signed = base64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(("{\"iss\":\"meridian\",\"sub\":\""
                + UUID.randomUUID() + "\",\"upn\":\"forger@example.org\",\"groups\":[\"user\",\"admin\"],\"iat\":"
                + now + ",\"exp\":" + (now + 300) + "}").getBytes(StandardCharsets.UTF_8));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(generator.generateKeyPair().getPrivate());
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + base64.encodeToString(rs256.sign());
    }

    private static void within(Duration patience, Duration pace, Callable<Boolean> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + patience + ": " + what);
            }
            Thread.sleep(pace.toMillis());
        }
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(DeliveryProbes.http(portOffset, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
