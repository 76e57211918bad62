package dev.meridian.auth.token;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
 * <p>The header names the signing key ({@code kid}), which {@link SigningKeyRing} chooses and rotates.
 */
@ApplicationScoped
public class AccessTokens {

    @Inject
    SigningKeyRing keys;

    private String issuer;

    @PostConstruct
    void prepare() {
        issuer = ConfigProvider.getConfig(AccessTokens.class.getClassLoader())
                .getValue("mp.jwt.verify.issuer", String.class);
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
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(keys.tokenLifetime()).getEpochSecond()));
        claims.setClaim("sid", sessionId.toString());
        claims.setClaim("auth_time", authenticatedAt.getEpochSecond());
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        SigningKey signingKey = keys.signingKey();
        signature.setKey(signingKey.privateKey());
        signature.setKeyIdHeaderValue(signingKey.kid());
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
        return keys.tokenLifetime();
    }
}
