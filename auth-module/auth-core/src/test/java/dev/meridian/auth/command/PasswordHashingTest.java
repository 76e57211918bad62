package dev.meridian.auth.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the Jakarta Security implementation the server ships (Soteria), not a stand-in. */
class PasswordHashingTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static PasswordHashing hashing;

    @BeforeAll
    static void startUp() {
        hashing = new PasswordHashing(new Pbkdf2PasswordHashImpl());
        hashing.initialize();
    }

    @Test
    void verifiesThePasswordAHashWasMadeFromAndNoOther() {
        String stored = hashing.hash(PASSWORD);

        assertThat(hashing.verify(PASSWORD, stored)).isTrue();
        assertThat(hashing.verify(PASSWORD + " ", stored)).isFalse();
        assertThat(hashing.verify("Correct horse battery staple", stored)).isFalse();
    }

    @Test
    void saltsEveryHashAndNamesItsAlgorithmAndIterations() {
        String first = hashing.hash(PASSWORD);
        String second = hashing.hash(PASSWORD);

        assertThat(first).isNotEqualTo(second).startsWith("PBKDF2WithHmacSHA512:210000:").doesNotContain(PASSWORD);
    }

    @Test
    void refusesEveryPasswordForNobodyAfterDoingTheSameWork() {
        String stored = hashing.hash(PASSWORD);
        long verifying = timeOf(() -> hashing.verify("a wrong password here", stored));
        long forNobody = timeOf(() -> hashing.verifyForNobody(PASSWORD));

        assertThat(hashing.verifyForNobody(PASSWORD)).isFalse();
        System.out.printf("verifying a password took %d ms, refusing one for nobody %d ms%n", verifying, forNobody);
        // both run the same 210,000 iterations; a shortcut for nobody would take well under a tenth
        assertThat(forNobody).isGreaterThan(verifying / 10);
    }

    private static long timeOf(Runnable verification) {
        verification.run();
        long start = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            verification.run();
        }
        return (System.nanoTime() - start) / 3_000_000;
    }
}
