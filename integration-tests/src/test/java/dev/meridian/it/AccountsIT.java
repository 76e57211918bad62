package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /api/auth/accounts/{userId}}, for the administrator the configuration created (see AdminAccountIT). */
@ExtendWith(ArquillianExtension.class)
class AccountsIT {

    private static final HttpClient HTTP = TestServer.HTTP;

    private UUID administrator;
    private String email;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @BeforeEach
    void findTheAdministrator() throws Exception {
        email = TestServer.property("meridian.test.admin.email");
        administrator = TestServer.accountWith(email);
    }

    @Test
    void showsAnAccountToAnAdministratorAndToItsOwner() throws Exception {
        for (String token : new String[] {TestTokens.tokenFor("ops@meridian.dev", "user", "admin"),
                TestTokens.tokenFor(administrator, email, "user")}) {
            HttpResponse<String> answer = get(administrator.toString(), token);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonObject account = TestServer.json(answer);
            assertThat(account.getString("userId")).isEqualTo(administrator.toString());
            assertThat(account.getString("email")).isEqualTo(email);
            assertThat(account.getJsonArray("roles").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                    .containsExactly("user", "admin");
            assertThat(account.getString("status")).isEqualTo("ACTIVE");
            assertThat(Instant.parse(account.getString("createdAt"))).isBefore(Instant.now());
        }
    }

    @Test
    void refusesEverybodyElseWithAProblem() throws Exception {
        HttpResponse<String> anonymous = get(administrator.toString(), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        HttpResponse<String> someoneElse = get(administrator.toString(),
                TestTokens.tokenFor(UUID.randomUUID(), "mallory@example.org", "user"));
        assertThat(someoneElse.statusCode()).isEqualTo(403);
        assertThat(TestServer.json(someoneElse).getInt("status")).isEqualTo(403);
    }

    @Test
    void refusesTokensThatAreForgedUnsignedExpiredOrSignedWithAnotherKey() throws Exception {
        String genuine = TestTokens.tokenFor(UUID.randomUUID(), "ops@meridian.dev", "user", "admin");
        String[] parts = genuine.split("\\.");
        String claimsMadeAdmin = base64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("ops@meridian.dev", "mallory@example.org"));
        String forged = parts[0] + "." + claimsMadeAdmin + "." + parts[2];
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        String expired = TestTokens.expiredTokenFor("ops@meridian.dev", "user", "admin");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Signature otherKey = Signature.getInstance("SHA256withRSA");
        otherKey.initSign(generator.generateKeyPair().getPrivate());
        otherKey.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        String wrongKey = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(otherKey.sign());

        for (String token : new String[] {forged, unsigned, expired, wrongKey, "not-a-token"}) {
            HttpResponse<String> refused = get(administrator.toString(), token);
            assertThat(refused.statusCode()).as(token).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).as(token).hasValue("application/problem+json");
            assertThat(UUID.fromString(refused.headers().firstValue("X-Correlation-Id").orElseThrow())).as(token)
                    .isNotNull();
        }
    }

    @Test
    void answersAnUnknownOrMalformedIdWithAProblem() throws Exception {
        String admin = TestTokens.tokenFor("ops@meridian.dev", "user", "admin");

        HttpResponse<String> unknown = get(UUID.randomUUID().toString(), admin);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> malformed = get("not-a-uuid", admin);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(malformed).getJsonArray("violations").getJsonObject(0).getString("field"))
                .isEqualTo("userId");
    }

    @Test
    void letsAnAdministratorChangeRolesAndRecordsWhoDidIt() throws Exception {
        UUID operator = UUID.randomUUID();
        String admin = TestTokens.tokenFor(operator, "ops@meridian.dev", "user", "admin");
        try {
            HttpResponse<String> changed = put(administrator.toString(), "{\"roles\":[\"user\"]}", admin);

            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(TestServer.json(changed).getJsonArray("roles").getValuesAs(JsonString.class))
                    .extracting(JsonString::getString).containsExactly("user");
            assertThat(lastAccountEvent()).containsExactly("auth.RolesChanged", operator.toString());
            assertThat(put(administrator.toString(), "{\"roles\":[\"user\"]}", admin).statusCode())
                    .as("the same roles again").isEqualTo(200);
            assertThat(lastAccountEvent()).as("nothing recorded for no change")
                    .containsExactly("auth.RolesChanged", operator.toString());
        } finally {
            assertThat(put(administrator.toString(), "{\"roles\":[\"user\",\"admin\"]}", admin).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void refusesRoleChangesFromNonAdministratorsAndForUnknownRolesOrAccounts() throws Exception {
        String admin = TestTokens.tokenFor(UUID.randomUUID(), "ops@meridian.dev", "user", "admin");
        String owner = TestTokens.tokenFor(administrator, email, "user");
        String body = "{\"roles\":[\"user\",\"admin\"]}";

        assertThat(put(administrator.toString(), body, null).statusCode()).isEqualTo(401);
        assertThat(put(administrator.toString(), body, owner).statusCode()).as("not even the owner").isEqualTo(403);
        assertThat(put(UUID.randomUUID().toString(), body, admin).statusCode()).isEqualTo(404);
        for (String invalid : new String[] {"{\"roles\":[\"root\"]}", "{\"roles\":[]}", "{}"}) {
            HttpResponse<String> refused = put(administrator.toString(), invalid, admin);
            assertThat(refused.statusCode()).as(invalid).isEqualTo(400);
            assertThat(TestServer.json(refused).getJsonArray("violations").getJsonObject(0).getString("field"))
                    .isEqualTo("roles");
        }
    }

    @Test
    void documentsBothEndpointsWithEveryAnswerInTheOpenApiDocument() throws Exception {
        JsonObject document = TestServer.json(TestServer.get(TestServer.http("/api/auth/openapi?format=JSON")));

        JsonObject operation = document.getJsonObject("paths").getJsonObject("/api/auth/accounts/{userId}")
                .getJsonObject("get");
        assertThat(operation.getJsonObject("responses").keySet()).containsExactlyInAnyOrder("200", "400", "401",
                "403", "404");
        assertThat(operation.getJsonObject("responses").getJsonObject("404").getJsonObject("content").keySet())
                .containsExactly("application/problem+json");
        JsonObject roles = document.getJsonObject("paths").getJsonObject("/api/auth/accounts/{userId}/roles")
                .getJsonObject("put");
        assertThat(roles.getJsonObject("responses").keySet()).containsExactlyInAnyOrder("200", "400", "401", "403",
                "404", "409");
    }

    private List<String> lastAccountEvent() throws Exception {
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement("select event_type, metadata ->> 'actor'"
                     + " from event_infra.events where stream_id = ? order by stream_version desc limit 1")) {
            query.setString(1, "account-" + administrator);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return List.of(row.getString(1), String.valueOf(row.getString(2)));
            }
        }
    }

    private static HttpResponse<String> put(String userId, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.http("/api/auth/accounts/" + userId + "/roles"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String userId, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.http("/api/auth/accounts/" + userId)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
