package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/users/me}: a registered person reads and changes their own profile and preferences. */
@ExtendWith(ArquillianExtension.class)
class ProfileIT {

    private static final HttpClient HTTP = TestServer.HTTP;
    private static final String PASSWORD = "my own long passphrase";

    private String userId;
    private String bearer;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @BeforeEach
    void registerAndSignIn() throws Exception {
        String email = "owner-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> registered = send(body("POST", "/api/auth/registrations", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Grace\"}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        userId = TestServer.json(registered).getString("userId");
        HttpResponse<String> signedIn = send(body("POST", "/api/auth/sessions", "{\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\"}"));
        bearer = "Bearer " + TestServer.json(signedIn).getString("accessToken");
    }

    @Test
    void letsTheOwnerChangeTheirNameAndLanguageRecordingOnlyRealChanges() throws Exception {
        HttpResponse<String> changed = send(body("PATCH", "/api/users/me",
                "{\"displayName\":\"Grace Hopper\",\"locale\":\"en-US\"}").header("Authorization", bearer));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonObject profile = TestServer.json(changed);
        assertThat(profile.getString("displayName")).isEqualTo("Grace Hopper");
        assertThat(profile.getString("locale")).isEqualTo("en-US");
        assertThat(TestServer.json(send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", bearer))).getString("displayName")).isEqualTo("Grace Hopper");

        HttpResponse<String> again = send(body("PATCH", "/api/users/me", "{\"locale\":\"en-US\"}")
                .header("Authorization", bearer));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(again).getString("displayName")).as("left out, so kept").isEqualTo("Grace Hopper");
        assertThat(profileEvents()).containsExactly("user.UserProfileCreated", "user.UserProfileUpdated");
    }

    @Test
    void snapshotsAProfileWithItsPersonalDataSealedAndLoadsFromIt() throws Exception {
        // the profile snapshots every 25 events; the registration recorded the first
        for (int n = 1; n <= 25; n++) {
            HttpResponse<String> changed = send(body("PATCH", "/api/users/me",
                    "{\"displayName\":\"Grace " + n + "\"}").header("Authorization", bearer));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        }

        List<String> snapshot = snapshotOf("profile-" + userId);
        assertThat(snapshot).as("a snapshot at the 25th event").element(0).isEqualTo("25");
        assertThat(snapshot.get(1)).as("the name and address sealed with the person's key")
                .contains("$encrypted").doesNotContain("Grace").doesNotContain("@example.org")
                .contains(userId);
        double hits = snapshotLookups("hit");
        double stale = snapshotLookups("stale");
        HttpResponse<String> changed = send(body("PATCH", "/api/users/me", "{\"locale\":\"fr-FR\"}")
                .header("Authorization", bearer));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(snapshotLookups("hit")).as("the update loaded the profile from its snapshot").isGreaterThan(hits);
        assertThat(snapshotLookups("stale")).as("no profile snapshot failed to load").isEqualTo(stale);
        JsonObject profile = TestServer.json(send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", bearer)));
        assertThat(profile.getString("displayName")).isEqualTo("Grace 25");
        assertThat(profile.getString("locale")).isEqualTo("fr-FR");
    }

    @Test
    void replacesThePreferences() throws Exception {
        HttpResponse<String> set = send(body("PUT", "/api/users/me/preferences",
                "{\"newsletter\":true,\"theme\":\"dark\"}").header("Authorization", bearer));

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonObject preferences = TestServer.json(set).getJsonObject("preferences");
        assertThat(preferences.getBoolean("newsletter")).isTrue();
        assertThat(preferences.getString("theme")).isEqualTo("dark");

        HttpResponse<String> replaced = send(body("PUT", "/api/users/me/preferences", "{\"theme\":\"light\"}")
                .header("Authorization", bearer));
        assertThat(TestServer.json(replaced).getJsonObject("preferences").keySet()).containsExactly("theme");
        assertThat(profileEvents()).containsExactly("user.UserProfileCreated", "user.PreferencesChanged",
                "user.PreferencesChanged");
        // a preference may hold anything the person typed: sealed with their key, so erasure reaches it
        try (Connection db = TestServer.database(); PreparedStatement query = db.prepareStatement(
                "select payload::text from event_infra.events where stream_id = ? and event_type = ?")) {
            query.setString(1, "profile-" + userId);
            query.setString(2, "user.PreferencesChanged");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getString(1)).contains("$encrypted").doesNotContain("dark", "light", "theme");
                }
            }
        }
    }

    @Test
    void refusesInvalidChangesAndStrangersWithAProblem() throws Exception {
        List<String> before = profileEvents();
        String[][] invalid = {
                {"PATCH", "/api/users/me", "{\"locale\":\"english\"}"},
                {"PATCH", "/api/users/me", "{\"displayName\":\"\"}"},
                {"PATCH", "/api/users/me", "{\"displayName\":\"X\",\"role\":\"admin\"}"},
                {"PUT", "/api/users/me/preferences", "{\"volume\":11}"},
                {"PUT", "/api/users/me/preferences", "{\"9lives\":true}"},
                {"PUT", "/api/users/me/preferences", "{\"nested\":{\"a\":true}}"}};
        for (String[] request : invalid) {
            HttpResponse<String> refused = send(body(request[0], request[1], request[2])
                    .header("Authorization", bearer));
            assertThat(refused.statusCode()).as(request[2]).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(request[2])
                    .hasValue("application/problem+json");
        }
        HttpResponse<String> anonymous = send(body("PATCH", "/api/users/me", "{\"displayName\":\"Mallory\"}"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> noProfile = send(body("PATCH", "/api/users/me", "{\"displayName\":\"Nobody\"}")
                .header("Authorization", "Bearer " + TestTokens.tokenFor(UUID.randomUUID(), "x@example.org",
                        "user")));
        assertThat(noProfile.statusCode()).isEqualTo(404);
        assertThat(profileEvents()).isEqualTo(before);
    }

    private List<String> profileEvents() throws Exception {
        return TestServer.eventTypes("profile-" + userId);
    }

    /** The stream version and state of the stream's snapshot, or nothing. */
    private static List<String> snapshotOf(String streamId) throws Exception {
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement(
                     "select stream_version::text, state::text from event_infra.snapshots where stream_id = ?")) {
            query.setString(1, streamId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? List.of(row.getString(1), row.getString(2)) : List.of();
            }
        }
    }

    private static HttpRequest.Builder body(String method, String path, String json) {
        return HttpRequest.newBuilder(TestServer.http(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double snapshotLookups(String outcome) throws Exception {
        return TestServer.counter("meridian_snapshot_lookups_total", "category=\"profile\"",
                "outcome=\"" + outcome + "\"");
    }
}
