package dev.meridian.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.store.KeyEncryptionKey;
import dev.meridian.eventinfra.testing.ModuleDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    private static final KeyEncryptionKey KEY_ENCRYPTION_KEY = KeyEncryptionKey.generate();
    @RegisterExtension
    static final ModuleDatabase DATABASE = ModuleDatabase.withSchema("auth");

    @TempDir
    Path directory;

    @BeforeEach
    void noKeysYet() throws Exception {
        try (Connection db = DATABASE.dataSource().getConnection(); Statement delete = db.createStatement()) {
            delete.execute("delete from auth.signing_keys");
        }
    }

    @Test
    void makesOneKeyForEveryServerAndKeepsIt() throws Exception {
        ExecutorService servers = Executors.newFixedThreadPool(4);
        try {
            Callable<List<StoredSigningKeys.Stored>> start = () -> stored(KEY_ENCRYPTION_KEY).all();
            List<Future<List<StoredSigningKeys.Stored>>> started = servers.invokeAll(List.of(start, start, start,
                    start));
            SigningKey first = started.get(0).get().get(0).key();
            for (Future<List<StoredSigningKeys.Stored>> other : started) {
                assertThat(other.get()).singleElement().satisfies(key -> {
                    assertThat(key.id()).isEqualTo(1);
                    assertThat(key.key().kid()).isEqualTo(first.kid());
                    assertThat(key.key().privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
                });
            }
            assertThat(stored(KEY_ENCRYPTION_KEY).all().get(0).key().kid()).as("after a restart")
                    .isEqualTo(first.kid()).isEqualTo(SigningKey.thumbprintOf(first.publicKey()));
        } finally {
            servers.shutdownNow();
        }
    }

    /** What a dump of the DATABASE.dataSource() holds: the private key only wrapped, which signs nothing without the KEK. */
    @Test
    void keepsThePrivateKeyWrappedAndRefusesAnotherKeyEncryptionKey() throws Exception {
        SigningKey key = stored(KEY_ENCRYPTION_KEY).all().get(0).key();

        try (Connection db = DATABASE.dataSource().getConnection(); Statement query = db.createStatement();
             ResultSet row = query.executeQuery("select private_key, kek_id, kid from auth.signing_keys")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).doesNotContain("PRIVATE KEY");
            assertThatThrownBy(() -> SigningKeys.pair(SigningKeys.pem("PRIVATE KEY",
                    Base64.getDecoder().decode(row.getString(1))), SigningKeys.pem("PUBLIC KEY",
                    key.publicKey().getEncoded()))).as("the stored bytes are no private key")
                    .isInstanceOf(GeneralSecurityException.class);
            assertThat(row.getString(2)).isEqualTo(KEY_ENCRYPTION_KEY.id());
            assertThat(row.getString(3)).isEqualTo(key.kid());
        }
        assertThatThrownBy(() -> stored(KeyEncryptionKey.generate()).all())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(KEY_ENCRYPTION_KEY.id())
                .hasMessageContaining("meridian.kek");
    }

    @Test
    void wrapsTheKeyKeptInTheClearAtStartUpAndRefusesOneInTheClearAfterwards() throws Exception {
        KeyPair pair = generated();
        try (Connection db = DATABASE.dataSource().getConnection(); PreparedStatement insert = db.prepareStatement(
                "insert into auth.signing_keys (id, private_key, public_key) values (1, ?, ?)")) {
            insert.setString(1, SigningKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            insert.setString(2, SigningKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            insert.executeUpdate();
        }

        assertThatThrownBy(() -> stored(KEY_ENCRYPTION_KEY).all()).as("a key in the clear, read as it is")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not wrapped");

        stored(KEY_ENCRYPTION_KEY).wrapKeysKeptInTheClear();

        SigningKey read = stored(KEY_ENCRYPTION_KEY).all().get(0).key();
        assertThat(read.privateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        try (Connection db = DATABASE.dataSource().getConnection(); Statement query = db.createStatement();
             ResultSet row = query.executeQuery("select private_key, kek_id from auth.signing_keys")) {
            row.next();
            assertThat(row.getString(1)).doesNotContain("PRIVATE KEY");
            assertThat(row.getString(2)).isEqualTo(KEY_ENCRYPTION_KEY.id());
        }
        assertThat(stored(KEY_ENCRYPTION_KEY).all().get(0).key().privateKey().getEncoded()).as("read again")
                .isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void addsTheNextKeyOnceAndRetiresTheOlderOnes() {
        StoredSigningKeys keys = stored(KEY_ENCRYPTION_KEY);
        keys.all();

        keys.add(2);
        keys.add(2);

        assertThat(keys.all()).extracting(StoredSigningKeys.Stored::id).containsExactly(2, 1);
        keys.retireBefore(2);
        assertThat(keys.all()).extracting(StoredSigningKeys.Stored::id).containsExactly(2);
    }

    @Test
    void rotatesAfterThePeriodSigningWithTheNextKeyOnlyOnceItWasPublishedAndRetiresTheOldOneAfterItsTokens()
            throws Exception {
        KeyRotation rotation = new KeyRotation(stored(KEY_ENCRYPTION_KEY), Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofMinutes(5));
        rotation.refresh();
        assertThat(rotation.current().id()).as("the first key signs at once").isEqualTo(1);

        madeAgo(1, Duration.ofMinutes(61));
        rotation.refresh();
        assertThat(rotation.keys()).extracting(StoredSigningKeys.Stored::id).containsExactly(2, 1);
        assertThat(rotation.current().id()).as("the next key is published, not signing yet").isEqualTo(1);

        madeAgo(2, Duration.ofMinutes(11));
        rotation.refresh();
        assertThat(rotation.current().id()).isEqualTo(2);
        assertThat(rotation.keys()).as("tokens of the old key may still be valid").hasSize(2);

        madeAgo(2, Duration.ofMinutes(17));
        rotation.refresh();
        assertThat(rotation.keys()).as("every token of the old key expired").extracting(StoredSigningKeys.Stored::id)
                .containsExactly(2);
        assertThatThrownBy(() -> new KeyRotation(stored(KEY_ENCRYPTION_KEY), Clock.systemUTC(), Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void madeAgo(int id, Duration age) throws Exception {
        try (Connection db = DATABASE.dataSource().getConnection(); PreparedStatement backdate = db.prepareStatement(
                "update auth.signing_keys set created_at = now() - ? * interval '1 second' where id = ?")) {
            backdate.setLong(1, age.toSeconds());
            backdate.setInt(2, id);
            backdate.executeUpdate();
        }
    }

    @Test
    void readsAConfiguredPair() throws Exception {
        KeyPair pair = generated();
        Path publicKey = Files.writeString(directory.resolve("public.pem"),
                SigningKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Path privateKey = Files.writeString(directory.resolve("private.pem"),
                SigningKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

        KeyPair read = SigningKeys.configured("file:" + privateKey, publicKey.toString());

        assertThat(read.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(read.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void refusesAConfiguredPairWhoseHalvesDoNotMatch() throws Exception {
        Path publicKey = Files.writeString(directory.resolve("public.pem"),
                SigningKeys.pem("PUBLIC KEY", generated().getPublic().getEncoded()));
        Path privateKey = Files.writeString(directory.resolve("private.pem"),
                SigningKeys.pem("PRIVATE KEY", generated().getPrivate().getEncoded()));

        assertThatThrownBy(() -> SigningKeys.configured(privateKey.toString(), publicKey.toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not the private key's");
        assertThatThrownBy(() -> SigningKeys.configured(publicKey.toString(), publicKey.toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PRIVATE KEY");
    }

    private static StoredSigningKeys stored(KeyEncryptionKey keyEncryptionKey) {
        return new StoredSigningKeys(DATABASE.dataSource(), keyEncryptionKey);
    }

    private static KeyPair generated() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
