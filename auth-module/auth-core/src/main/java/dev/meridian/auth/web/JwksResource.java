package dev.meridian.auth.web;

import dev.meridian.auth.token.SigningKey;
import dev.meridian.auth.token.SigningKeyRing;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * {@code GET /api/auth/jwks}: the public keys access tokens are verified with, as a JWK set (RFC 7517), each named
 * by the {@code kid} of the tokens it signed. Every module's verification reads it from the internal listener and
 * reads it again when a token names a key it does not know; anyone else who verifies Meridian's tokens may too.
 */
@Path("jwks")
public class JwksResource {

    @Inject
    SigningKeyRing keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify access tokens (a JWK set), including the next one")
    @APIResponse(responseCode = "200", description = "The JWK set")
    public String keySet() {
        List<JsonWebKey> published = new ArrayList<>();
        for (SigningKey key : keys.verificationKeys()) {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) key.publicKey());
            jwk.setKeyId(key.kid());
            jwk.setUse("sig");
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            published.add(jwk);
        }
        return new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
