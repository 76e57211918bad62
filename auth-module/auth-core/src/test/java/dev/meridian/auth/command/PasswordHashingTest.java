package dev.meridian.auth.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against Bouncy Castle's Argon2id, the reference implementation's published hashes and the Jakarta Security
 * implementation the server ships (Soteria), not stand-ins.
 */
class PasswordHashingTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Argon2id OWASP = new Argon2id(19_456, 2, 1);
    private static PasswordHashing hashing;

    @BeforeAll
    static void startUp() {
        hashing = new PasswordHashing(new Pbkdf2PasswordHashImpl(), OWASP, 2);
    }

    @Test
    void verifiesThePasswordAHashWasMadeFromAndNoOther() {
        String stored = hashing.hash(PASSWORD);

        assertThat(hashing.verify(PASSWORD, stored)).isTrue();
        assertThat(hashing.verify(PASSWORD + " ", stored)).isFalse();
        assertThat(hashing.verify("Correct horse battery staple", stored)).isFalse();
    }

    @Test
    void saltsEveryHashAndNamesItsAlgorithmAndParameters() {
        String first = hashing.hash(PASSWORD);
        String second = hashing.hash(PASSWORD);

        assertThat(first).isNotEqualTo(second).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .doesNotContain(PASSWORD);
        assertThat(hashing.isOutdated(first)).isFalse();
    }

    @Test
    void readsAndWritesTheFormatOfTheReferenceImplementation() {
        // from the Argon2 reference implementation's tests (src/test.c): "password", salt "somesalt", 64 MiB
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

        assertThat(hashing.verify("password", reference)).isTrue();
        assertThat(hashing.verify("passwore", reference)).isFalse();
        assertThat(hashing.isOutdated(reference)).as("other parameters than the configured ones").isTrue();
    }

    @Test
    void verifiesTheHashesOfEarlierBuildsAndCallsThemOutdated() {
        // as the earlier build made them: Jakarta Security's PBKDF2 with its parameters
        Pbkdf2PasswordHashImpl earlier = new Pbkdf2PasswordHashImpl();
        earlier.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000", "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        String pbkdf2 = earlier.generate(PASSWORD.toCharArray());
        String weakerArgon2id = new Argon2id(7_168, 1, 1).hash(PASSWORD);

        assertThat(hashing.verify(PASSWORD, pbkdf2)).isTrue();
        assertThat(hashing.verify("a wrong password", pbkdf2)).isFalse();
        assertThat(hashing.isOutdated(pbkdf2)).isTrue();
        assertThat(hashing.verify(PASSWORD, weakerArgon2id)).isTrue();
        assertThat(hashing.isOutdated(weakerArgon2id)).isTrue();
    }

    @Test
    void refusesParametersBelowTheStandardsBounds() {
        assertThatThrownBy(() -> new Argon2id(19_456, 0, 1)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> new Argon2id(19_456, 2, 0)).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> new Argon2id(31, 1, 4)).hasMessageContaining("at least 8 KiB per lane (32 KiB)");
        assertThatThrownBy(() -> new Argon2id(5_000_000, 1, 1)).hasMessageContaining("at most 4194304 KiB");
        assertThatThrownBy(() -> new Argon2id(19_456, 101, 1)).hasMessageContaining("between 1 and 100");
    }

    @Test
    void refusesAStoredHashItCannotRead() {
        assertThatThrownBy(() -> hashing.verify(PASSWORD, "$argon2id$v=19$m=19456,t=2$c29tZXNhbHQ$AAAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("c29tZXNhbHQ");
        assertThatThrownBy(() -> hashing.verify(PASSWORD, "$argon2id$v=19$m=999999999,t=2,p=1$c29tZXNhbHQ$"
                + "CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).as("a stored hash asking for 953 GiB")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hashing.verify(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAAA"))
                .as("a 3-byte hash").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesEveryPasswordForNobodyAfterDoingTheSameWork() {
        String stored = hashing.hash(PASSWORD);
        long verifying = timeOf(() -> hashing.verify("a wrong password here", stored));
        long forNobody = timeOf(() -> hashing.verifyForNobody(PASSWORD));

        assertThat(hashing.verifyForNobody(PASSWORD)).isFalse();
        System.out.printf("verifying a password took %.1f ms, refusing one for nobody %.1f ms%n", verifying / 1e6,
                forNobody / 1e6);
        // both hash with the same parameters; a shortcut for nobody would take well under a tenth
        assertThat(forNobody).isGreaterThan(verifying / 10);
    }

    /** Nanoseconds per run, over ten runs after one to warm up. */
    private static long timeOf(Runnable verification) {
        verification.run();
        long start = System.nanoTime();
        for (int round = 0; round < 10; round++) {
            verification.run();
        }
        return (System.nanoTime() - start) / 10;
    }
}
