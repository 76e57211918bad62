package dev.meridian.auth.token;

import dev.meridian.eventinfra.module.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs access tokens: RS256 JWTs with the MicroProfile JWT claims ({@code iss}, {@code sub} = user id,
 * {@code upn} = email address, {@code groups} = roles, {@code jti}, {@code iat}, {@code exp}), {@code sid}, the
 * session, so that signing out can name it, and {@code auth_time} (OpenID Connect's), when the session's password
 * was last checked, so that what cannot be undone can ask for a recent one. They live briefly
 * ({@code meridian.jwt.access-token-lifetime}, five minutes by default) because every module accepts them without
 * asking auth: signing out or disabling an account ends the refresh tokens at once and the access tokens by their
 * expiry.
 *
 * <p>The key pair is {@code meridian.jwt.private-key-location} and {@code meridian.jwt.public-key-location} when
 * configured (both or neither); otherwise the pair kept in the database, whose public half is written to
 * {@code <server data dir>/meridian/jwt-public.pem}, where every module's verification looks by default.
 */
@ApplicationScoped
public class AccessTokens {

    static final String PRIVATE_KEY_LOCATION = "meridian.jwt.private-key-location";
    static final String PUBLIC_KEY_LOCATION = "meridian.jwt.public-key-location";

    @Resource(lookup = "java:jboss/datasources/MeridianDS")
    DataSource dataSource;

    private PrivateKey signingKey;
    private String issuer;
    private Duration lifetime;
    private String keySource;

    @PostConstruct
    void prepare() {
        Config config = ConfigProvider.getConfig(AccessTokens.class.getClassLoader());
        issuer = config.getValue("mp.jwt.verify.issuer", String.class);
        lifetime = Settings.positiveDuration(config, "meridian.jwt.access-token-lifetime", Duration.ofMinutes(5));
        Optional<String> privateKey = Settings.text(config, PRIVATE_KEY_LOCATION);
        Optional<String> publicKey = Settings.text(config, PUBLIC_KEY_LOCATION);
        if (privateKey.isPresent() != publicKey.isPresent()) {
            throw new IllegalStateException("Set both " + PRIVATE_KEY_LOCATION + " and " + PUBLIC_KEY_LOCATION
                    + " (MERIDIAN_JWT_PRIVATE_KEY_LOCATION, MERIDIAN_JWT_PUBLIC_KEY_LOCATION), or neither");
        }
        KeyPair keys;
        if (privateKey.isPresent()) {
            keys = SigningKeys.configured(privateKey.get(), publicKey.get());
            keySource = "the configured key " + privateKey.get();
        } else {
            keys = SigningKeys.stored(dataSource);
            Path published = Path.of(System.getProperty("jboss.server.data.dir"), "meridian", "jwt-public.pem");
            SigningKeys.publish(keys.getPublic(), published);
            keySource = "the key pair kept in the database (public key at " + published + ")";
        }
        signingKey = keys.getPrivate();
    }

    /** A token for the account {@code userId}, signed in as {@code email}, in session {@code sessionId}. */
    public String issue(UUID userId, String email, List<String> roles, UUID sessionId, Instant authenticatedAt) {
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(userId.toString());
        claims.setClaim("upn", email);
        claims.setStringListClaim("groups", roles);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
        claims.setClaim("sid", sessionId.toString());
        claims.setClaim("auth_time", authenticatedAt.getEpochSecond());
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(signingKey);
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        signature.setHeader("typ", "JWT");
        try {
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
    }

    /** How long a token is valid. */
    public Duration lifetime() {
        return lifetime;
    }

    /** Where the signing key came from, for the start-up log. */
    public String keySource() {
        return keySource;
    }
}
