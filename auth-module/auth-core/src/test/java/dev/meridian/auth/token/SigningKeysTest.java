package dev.meridian.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.module.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the token signing keys come from, against a real PostgreSQL with auth's migrations. */
class SigningKeysTest {

    private static EmbeddedPostgres postgres;
    private static DataSource database;

    @TempDir
    Path directory;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
        SchemaMigrations.migrate(database, "auth", SigningKeysTest.class.getClassLoader());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void makesOnePairForEveryServerAndKeepsIt() throws Exception {
        ExecutorService servers = Executors.newFixedThreadPool(4);
        try {
            Callable<KeyPair> start = () -> SigningKeys.stored(database);
            List<Future<KeyPair>> started = servers.invokeAll(List.of(start, start, start, start));
            KeyPair first = started.get(0).get();
            for (Future<KeyPair> other : started) {
                assertThat(other.get().getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
                assertThat(other.get().getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
            }
            assertThat(SigningKeys.stored(database).getPublic().getEncoded()).as("after a restart")
                    .isEqualTo(first.getPublic().getEncoded());
        } finally {
            servers.shutdownNow();
        }
    }

    @Test
    void publishesThePublicKeyWhereAConfiguredPairIsReadFrom() throws Exception {
        KeyPair pair = generated();
        Path publicKey = directory.resolve("keys/public.pem");
        Path privateKey = directory.resolve("private.pem");
        SigningKeys.publish(pair.getPublic(), publicKey);
        Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        KeyPair read = SigningKeys.configured("file:" + privateKey, publicKey.toString());

        assertThat(Files.readString(publicKey)).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(read.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(read.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void refusesAConfiguredPairWhoseHalvesDoNotMatch() throws Exception {
        Path publicKey = directory.resolve("public.pem");
        Path privateKey = directory.resolve("private.pem");
        SigningKeys.publish(generated().getPublic(), publicKey);
        Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generated().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> SigningKeys.configured(privateKey.toString(), publicKey.toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the private key's");
        assertThatThrownBy(() -> SigningKeys.configured(publicKey.toString(), publicKey.toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PRIVATE KEY");
    }

    private static KeyPair generated() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
