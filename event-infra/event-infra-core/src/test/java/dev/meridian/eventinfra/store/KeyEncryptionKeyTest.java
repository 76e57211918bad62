package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {

    @TempDir
    Path directory;

    @Test
    void unwrapsWhatItWrappedForTheSameContextOnly() {
        KeyEncryptionKey kek = KeyEncryptionKey.generate();
        byte[] key = "a key of thirty-two bytes, say..".getBytes(StandardCharsets.US_ASCII);

        byte[] wrapped = kek.wrap(key, "subject key 1");

        assertThat(kek.unwrap(wrapped, "subject key 1")).isEqualTo(key);
        assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain("thirty-two");
        assertThatThrownBy(() -> kek.unwrap(wrapped, "subject key 2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subject key 2").hasMessageContaining(kek.id());
        assertThatThrownBy(() -> KeyEncryptionKey.generate().unwrap(wrapped, "subject key 1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isNamedTheSameForTheSameBytesWithoutGivingThemAway() {
        byte[] material = new byte[32];
        material[0] = 7;
        KeyEncryptionKey kek = KeyEncryptionKey.of(material);

        assertThat(kek.id()).hasSize(16).isEqualTo(KeyEncryptionKey.of(material).id())
                .isNotEqualTo(KeyEncryptionKey.generate().id());
        assertThat(kek.toString()).contains(kek.id()).doesNotContain(Base64.getEncoder().encodeToString(material));
        assertThatThrownBy(() -> KeyEncryptionKey.of(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isMadeOnceInItsFileForTheOwnerAloneAndReadFromItAfterwards() throws Exception {
        Path file = directory.resolve("data/meridian/key-encryption-key");

        KeyEncryptionKey made = KeyEncryptionKey.inFile(file);

        assertThat(KeyEncryptionKey.inFile(file).id()).isEqualTo(made.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void serversMakingTheFileAtOnceAllKeepTheSameKey() throws Exception {
        Path file = directory.resolve("shared/key-encryption-key");
        ExecutorService servers = Executors.newFixedThreadPool(8);
        try {
            List<Future<KeyEncryptionKey>> made = servers.invokeAll(Collections.nCopies(8,
                    () -> KeyEncryptionKey.inFile(file)));
            for (Future<KeyEncryptionKey> each : made) {
                assertThat(each.get().id()).isEqualTo(KeyEncryptionKey.inFile(file).id());
            }
        } finally {
            servers.shutdownNow();
        }
    }

    @Test
    void refusesAFileThatHoldsNoKey() throws Exception {
        Path file = Files.writeString(directory.resolve("kek"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> KeyEncryptionKey.inFile(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes").hasMessageContaining("openssl rand -base64 32");
        Path junk = Files.writeString(directory.resolve("junk"), "not base64 !");
        assertThatThrownBy(() -> KeyEncryptionKey.inFile(junk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not Base64");
    }
}
