package dev.meridian.auth.token;

import dev.meridian.eventinfra.delivery.BatchLoop;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.module.Settings;
import dev.meridian.eventinfra.store.KeyEncryptionKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The keys that sign access tokens and those that verify them, which every module fetches as a JWK set
 * ({@code GET /api/auth/jwks}).
 *
 * <p>A pair configured in files ({@code meridian.jwt.private-key-location} and {@code .public-key-location}) is
 * the only key, and its operator rotates it. Otherwise the keys are kept in the database ({@link StoredSigningKeys})
 * and rotate every {@code meridian.jwt.key-rotation} (30 days by default): the next key is made and published
 * {@code meridian.jwt.key-publication-lead} (10 minutes) before it signs, longer than the verifiers wait between two
 * fetches of the key set, so every server knows it before any token names it; a key is deleted once its successor
 * has signed for longer than a token lives (plus a minute for clocks), so every token it signed has expired by
 * then. Old tokens verify until they expire. Every server reads the keys again every 30 seconds on a thread of its
 * own, outside any request's transaction, so they all sign with the same key within that; signing and the key set
 * use the keys last read, so a database that is away for a while changes neither.
 */
@ApplicationScoped
public class SigningKeyRing {

    static final String PRIVATE_KEY_LOCATION = "meridian.jwt.private-key-location";
    static final String PUBLIC_KEY_LOCATION = "meridian.jwt.public-key-location";
    private static final Duration READ_AGAIN_AFTER = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(SigningKeyRing.class.getName());

    @Inject
    DataSource dataSource;

    @Inject
    KeyEncryptionKey keyEncryptionKey;

    @Inject
    @ServerResource
    ManagedThreadFactory threads;

    private final Clock clock = Clock.systemUTC();
    private Duration tokenLifetime;
    private Duration rotationPeriod;
    private Optional<SigningKey> configured;
    private KeyRotation rotation;
    private Refresher refresher;

    @PostConstruct
    void prepare() {
        Config config = ConfigProvider.getConfig(SigningKeyRing.class.getClassLoader());
        tokenLifetime = Settings.positiveDuration(config, "meridian.jwt.access-token-lifetime", Duration.ofMinutes(5));
        rotationPeriod = Settings.positiveDuration(config, "meridian.jwt.key-rotation", Duration.ofDays(30));
        Duration publicationLead = Settings.positiveDuration(config, "meridian.jwt.key-publication-lead",
                Duration.ofMinutes(10));
        Optional<String> privateKey = Settings.text(config, PRIVATE_KEY_LOCATION);
        Optional<String> publicKey = Settings.text(config, PUBLIC_KEY_LOCATION);
        if (privateKey.isPresent() != publicKey.isPresent()) {
            throw new IllegalStateException("Set both " + PRIVATE_KEY_LOCATION + " and " + PUBLIC_KEY_LOCATION
                    + " (MERIDIAN_JWT_PRIVATE_KEY_LOCATION, MERIDIAN_JWT_PUBLIC_KEY_LOCATION), or neither");
        }
        configured = privateKey.map(location -> {
            var pair = SigningKeys.configured(location, publicKey.get());
            return SigningKey.of(pair.getPrivate(), pair.getPublic(), Instant.EPOCH);
        });
        if (configured.isEmpty()) {
            StoredSigningKeys stored = new StoredSigningKeys(dataSource, keyEncryptionKey);
            stored.wrapKeysKeptInTheClear();
            rotation = new KeyRotation(stored, clock, rotationPeriod, publicationLead, tokenLifetime);
            rotation.refresh();
        }
    }

    /** Starts reading the stored keys again every 30 seconds (nothing to do for a configured pair). */
    public void start() {
        if (rotation != null) {
            refresher = new Refresher();
            refresher.startOn(threads, "meridian-signing-keys");
        }
    }

    /** Stops reading the keys again. */
    public void stop() {
        if (refresher != null) {
            refresher.stop();
        }
    }

    /** How long an access token is valid. */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** The key that signs tokens now. */
    public SigningKey signingKey() {
        return configured.orElseGet(() -> rotation.current().key());
    }

    /** Every key a valid token may be signed with, and the next one: what the JWK set lists. */
    public List<SigningKey> verificationKeys() {
        if (configured.isPresent()) {
            return List.of(configured.get());
        }
        return rotation.keys().stream().map(StoredSigningKeys.Stored::key).toList();
    }

    /** Where the keys come from, for the start-up log. */
    public String describe() {
        return configured.map(key -> "the configured key " + key.kid() + ", never rotated here")
                .orElseGet(() -> "keys kept in the database, wrapped by key-encryption key " + keyEncryptionKey.id()
                        + ", rotated every " + rotationPeriod + " (signing now: " + signingKey().kid() + ")");
    }

    /** Reads the stored keys again every 30 seconds; after a failure it keeps the keys it had and tries again. */
    private final class Refresher extends BatchLoop {

        Refresher() {
            super(1, READ_AGAIN_AFTER, READ_AGAIN_AFTER);
        }

        @Override
        protected int runBatch() {
            rotation.refresh();
            return 0;
        }

        @Override
        protected void failed(Exception failure) {
            LOG.log(Level.WARNING, "Cannot read the JWT signing keys; signing goes on with those read before", failure);
        }
    }
}
