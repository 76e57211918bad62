package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/auth/sessions}: signing in, refreshing and signing out, with the administrator the configuration
 * created (the only account before registration exists).
 */
@ExtendWith(ArquillianExtension.class)
class SessionsIT {

    private static final HttpClient HTTP = TestServer.HTTP;

    private String email;
    private String password;
    private UUID administrator;

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @BeforeEach
    void findTheAdministrator() throws Exception {
        email = TestServer.property("meridian.test.admin.email");
        password = TestServer.property("meridian.test.admin.password");
        administrator = TestServer.accountWith(email);
    }

    @Test
    void signsInWithATokenThatEveryModuleAccepts() throws Exception {
        HttpResponse<String> signedIn = signIn(email.toUpperCase(), password);

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonObject tokens = TestServer.json(signedIn);
        assertThat(tokens.getString("tokenType")).isEqualTo("Bearer");
        assertThat(tokens.getInt("expiresIn")).isEqualTo(300);
        assertThat(tokens.getString("refreshToken")).hasSizeGreaterThanOrEqualTo(43);
        JsonObject claims = claimsOf(tokens.getString("accessToken"));
        assertThat(claims.getString("iss")).isEqualTo("meridian");
        assertThat(claims.getString("sub")).isEqualTo(administrator.toString());
        assertThat(claims.getString("upn")).isEqualTo(email);
        assertThat(claims.getJsonArray("groups").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .containsExactlyInAnyOrder("user", "admin");
        assertThat(claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue()).isEqualTo(300);
        assertThat(claims.getString("jti")).isNotBlank();
        String session = claims.getString("sid");
        assertThat(lastAccountEvent()).containsExactly("auth.UserLoggedIn", session);
        long signedInAt = claims.getJsonNumber("auth_time").longValue();
        assertThat(signedInAt).isBetween(claims.getJsonNumber("iat").longValue() - 5,
                claims.getJsonNumber("iat").longValue());
        JsonObject refreshed = TestServer.json(refresh(tokens.getString("refreshToken")));
        assertThat(claimsOf(refreshed.getString("accessToken")).getJsonNumber("auth_time").longValue())
                .as("a refresh checks no password: the sign-in's time stays").isEqualTo(signedInAt);

        String bearer = "Bearer " + tokens.getString("accessToken");
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/auth/accounts/" + administrator))
                .header("Authorization", bearer).GET()).statusCode()).as("auth").isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/admin/api/dead-letters"))
                .header("Authorization", bearer).GET()).statusCode()).as("the admin API").isEqualTo(200);
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownAddressAlikeAndEquallySlowly() throws Exception {
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownAddress = new ArrayList<>();
        HttpResponse<String> wrong = null;
        HttpResponse<String> unknown = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            long started = System.nanoTime();
            wrong = signIn(email, password + "!");
            wrongPassword.add(System.nanoTime() - started);
            started = System.nanoTime();
            unknown = signIn("nobody-" + UUID.randomUUID() + "@meridian.test", password);
            unknownAddress.add(System.nanoTime() - started);
        }

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(lastAccountEvent()).containsExactly("auth.LoginFailed", "WRONG_PASSWORD");
        // both verify an Argon2id hash (tens of milliseconds here); a refusal without that work would take milliseconds
        long wrongMedian = wrongPassword.stream().sorted().toList().get(1);
        long unknownMedian = unknownAddress.stream().sorted().toList().get(1);
        assertThat((double) unknownMedian / wrongMedian).as("unknown %s ns, wrong %s ns", unknownMedian, wrongMedian)
                .isBetween(0.5, 2.0);
    }

    @Test
    void slowsGuessingOneAccountsPasswordTo429WithoutLockingOthersOut() throws Exception {
        // its own account: the configured administrator must stay usable for the other tests
        String target = "guessed-" + UUID.randomUUID() + "@example.org";
        String secret = "the owner's long passphrase";
        HttpResponse<String> registered = send(post("/api/auth/registrations", "{\"email\":\"" + target
                + "\",\"password\":\"" + secret + "\",\"displayName\":\"Target\"}", "application/json"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        // the tests' server allows five refused sign-ins per account and address in five minutes (the default)
        for (int guess = 1; guess <= 5; guess++) {
            assertThat(signIn(target, "guess number " + guess + "!").statusCode()).as("guess " + guess)
                    .isEqualTo(401);
        }
        HttpResponse<String> slowed = signIn(target, "guess number 6!");
        HttpResponse<String> owner = signIn(target, secret);

        assertThat(slowed.statusCode()).isEqualTo(429);
        assertThat(slowed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(slowed.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(owner.statusCode()).as("the right password waits too: it could be the sixth guess")
                .isEqualTo(429);
        assertThat(signIn(email, password).statusCode()).as("another account").isEqualTo(200);
    }

    @Test
    void parallelGuessesSpendNoMoreThanTheBudgetWhileTheOwnerElsewhereStillSignsIn() throws Exception {
        String target = "attacked-" + UUID.randomUUID() + "@example.org";
        String secret = "the owner's long passphrase";
        String userId = TestServer.register(target, secret, "Attacked");
        ExecutorService attacker = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> guesses = new ArrayList<>();
            for (int guess = 0; guess < 20; guess++) {
                String wrong = "parallel guess " + guess;
                guesses.add(() -> signIn(target, wrong).statusCode());
            }
            for (Future<Integer> answer : attacker.invokeAll(guesses)) {
                statuses.add(answer.get());
            }
        } finally {
            attacker.shutdownNow();
        }

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(status -> status == 401)).as("guesses checked").hasSize(5);
        assertThat(TestServer.eventTypes("account-" + userId).stream().filter("auth.LoginFailed"::equals))
                .as("refused sign-ins recorded").hasSize(5);
        assertThat(RawHttp.send(RawHttp.OTHER_CLIENT, "POST", TestServer.http("/api/auth/sessions"),
                List.<String[]>of(new String[] {"Content-Type", "application/json"}),
                "{\"email\":\"" + target + "\",\"password\":\"" + secret + "\"}"))
                .as("the owner, from another address").isEqualTo(200);
    }

    @Test
    void signsInSeveralTimesAtOnceToOneAccount() throws Exception {
        // its own account: six at once is more than the refusals the account may have reserved from one address
        // (five), so this also shows a sign-in waiting for the others to give theirs back
        String owner = "devices-" + UUID.randomUUID() + "@example.org";
        String secret = "a long passphrase of mine";
        String userId = TestServer.register(owner, secret, "Six Devices");
        int before = TestServer.eventTypes("account-" + userId).size();
        ExecutorService devices = Executors.newFixedThreadPool(6);
        try {
            Callable<Integer> signIn = () -> signIn(owner, secret).statusCode();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : devices.invokeAll(Collections.nCopies(6, signIn))) {
                statuses.add(answer.get());
            }
            // each appends to the account's stream; the ones that lose the race try again on its new version
            assertThat(statuses).containsOnly(200);
        } finally {
            devices.shutdownNow();
        }
        assertThat(TestServer.eventTypes("account-" + userId).subList(before, before + 6))
                .containsOnly("auth.UserLoggedIn");
    }

    @Test
    void endsTheOldestSessionWhenAnAccountSignsInBeyondItsLimit() throws Exception {
        String owner = "forgetful-" + UUID.randomUUID() + "@example.org";
        String secret = "a long passphrase of mine";
        String userId = TestServer.register(owner, secret, "Never Signs Out");
        JsonObject oldest = TestServer.json(signIn(owner, secret));
        String oldestSession = claimsOf(oldest.getString("accessToken")).getString("sid");
        // the default limit is 100 open sessions; two at a time, as two devices would
        ExecutorService devices = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> signIn = () -> signIn(owner, secret).statusCode();
            for (Future<Integer> answer : devices.invokeAll(Collections.nCopies(99, signIn))) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            devices.shutdownNow();
        }
        assertThat(TestServer.jsonArray(sessionsOf(oldest.getString("accessToken")))).hasSize(100);

        JsonObject newest = TestServer.json(signIn(owner, secret));

        List<JsonObject> open = TestServer.jsonArray(sessionsOf(newest.getString("accessToken")))
                .getValuesAs(JsonObject.class);
        assertThat(open).hasSize(100).extracting(session -> session.getString("sessionId"))
                .doesNotContain(oldestSession)
                .contains(claimsOf(newest.getString("accessToken")).getString("sid"));
        assertThat(refresh(oldest.getString("refreshToken")).statusCode()).as("the ended session").isEqualTo(401);
        List<String> events = TestServer.eventTypes("account-" + userId);
        assertThat(events.subList(events.size() - 2, events.size()))
                .containsExactly("auth.UserLoggedOut", "auth.UserLoggedIn");
    }

    @Test
    void replacesAPasswordHashOfAnEarlierBuildAtItsOwnersNextSignIn() throws Exception {
        String owner = "earlier-" + UUID.randomUUID() + "@example.org";
        String secret = "a passphrase from long ago";
        UUID userId = UUID.fromString(TestServer.register(owner, secret, "Earlier Build"));
        // as builds before Argon2id stored it: Jakarta Security's PBKDF2, HMAC-SHA-512, 210,000 iterations
        Pbkdf2PasswordHashImpl earlierBuild = new Pbkdf2PasswordHashImpl();
        earlierBuild.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000", "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        String earlierHash = earlierBuild.generate(secret.toCharArray());
        TestServer.execute("update auth.credentials set password_hash = ?, changed_at = '2025-01-01T00:00Z'"
                + " where user_id = ?", earlierHash, userId);

        // a refusal for an unknown address takes as long as one for this account: its slower hash tells nothing
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownAddress = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            long start = System.nanoTime();
            assertThat(signIn(owner, secret + "?").statusCode()).as("a wrong password").isEqualTo(401);
            wrongPassword.add(System.nanoTime() - start);
            start = System.nanoTime();
            assertThat(signIn("nobody-" + UUID.randomUUID() + "@example.org", secret).statusCode()).isEqualTo(401);
            unknownAddress.add(System.nanoTime() - start);
        }
        long wrongMedian = wrongPassword.stream().sorted().toList().get(1);
        long unknownMedian = unknownAddress.stream().sorted().toList().get(1);
        assertThat((double) unknownMedian / wrongMedian).as("unknown %s ns, wrong %s ns", unknownMedian, wrongMedian)
                .isBetween(0.5, 2.0);
        assertThat(credentials(userId)).as("untouched by a wrong password")
                .containsExactly(earlierHash, "2025-01-01T00:00Z");
        assertThat(signIn(owner, secret).statusCode()).as("the right one, against the earlier hash").isEqualTo(200);
        List<String> rehashed = credentials(userId);
        assertThat(rehashed.get(0)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(secret);
        assertThat(rehashed.get(1)).as("a new hash of the same password is no change of password")
                .isEqualTo("2025-01-01T00:00Z");
        assertThat(signIn(owner, secret).statusCode()).as("against the new hash").isEqualTo(200);
        assertThat(signIn(owner, secret + "?").statusCode()).isEqualTo(401);
    }

    @Test
    void rotatesRefreshTokensAndEndsTheSessionWhenAUsedOneComesBack() throws Exception {
        JsonObject first = TestServer.json(signIn(email, password));

        HttpResponse<String> refreshed = refresh(first.getString("refreshToken"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonObject second = TestServer.json(refreshed);
        assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
        assertThat(claimsOf(second.getString("accessToken")).getString("sid"))
                .isEqualTo(claimsOf(first.getString("accessToken")).getString("sid"));

        HttpResponse<String> replayed = refresh(first.getString("refreshToken"));
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refresh(second.getString("refreshToken")).statusCode())
                .as("the replay ended the session, the current token with it").isEqualTo(401);
        assertThat(refresh("never-issued").statusCode()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        JsonObject tokens = TestServer.json(signIn(email, password));
        String session = claimsOf(tokens.getString("accessToken")).getString("sid");

        HttpResponse<String> signedOut = send(HttpRequest.newBuilder(TestServer.http("/api/auth/sessions/current"))
                .header("Authorization", "Bearer " + tokens.getString("accessToken")).DELETE());

        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(204);
        assertThat(lastAccountEvent()).containsExactly("auth.UserLoggedOut", session);
        assertThat(refresh(tokens.getString("refreshToken")).statusCode()).isEqualTo(401);
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(TestServer.http("/api/auth/sessions/current"))
                .DELETE());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void listsTheCallersOwnSessionsAndEndsOneOfThem() throws Exception {
        String owner = "sessions-" + UUID.randomUUID() + "@example.org";
        String secret = "a long passphrase of mine";
        TestServer.register(owner, secret, "Many Devices");
        JsonObject laptop = TestServer.json(send(post("/api/auth/sessions", "{\"email\":\"" + owner
                + "\",\"password\":\"" + secret + "\"}", "application/json").header("User-Agent", "Laptop/1.0")));
        JsonObject phone = TestServer.json(send(post("/api/auth/sessions", "{\"email\":\"" + owner
                + "\",\"password\":\"" + secret + "\"}", "application/json").header("User-Agent", "Phone/2.0")));
        String laptopSession = claimsOf(laptop.getString("accessToken")).getString("sid");
        String phoneSession = claimsOf(phone.getString("accessToken")).getString("sid");
        String stranger = TestServer.json(signIn(email, password)).getString("accessToken");
        String strangersSession = claimsOf(stranger).getString("sid");

        HttpResponse<String> listed = sessionsOf(laptop.getString("accessToken"));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Cache-Control")).hasValue("no-store");
        List<JsonObject> sessions = TestServer.jsonArray(listed).getValuesAs(JsonObject.class);
        assertThat(sessions).extracting(session -> session.getString("sessionId"))
                .containsExactly(laptopSession, phoneSession);
        assertThat(sessions.get(0).getBoolean("current")).isTrue();
        assertThat(sessions.get(1).getBoolean("current")).isFalse();
        assertThat(sessions.get(0).getString("userAgent")).isEqualTo("Laptop/1.0");
        assertThat(sessions.get(1).getString("clientAddress")).isEqualTo("127.0.0.1");
        assertThat(sessions.get(1).getString("createdAt")).isNotBlank();

        assertThat(endSession(laptop.getString("accessToken"), strangersSession).statusCode())
                .as("another person's session").isEqualTo(404);
        assertThat(endSession(laptop.getString("accessToken"), "not-a-session").statusCode()).isEqualTo(404);
        assertThat(endSession(laptop.getString("accessToken"), phoneSession).statusCode()).isEqualTo(204);

        assertThat(refresh(phone.getString("refreshToken")).statusCode()).as("the ended session").isEqualTo(401);
        assertThat(TestServer.jsonArray(sessionsOf(laptop.getString("accessToken"))).getValuesAs(JsonObject.class))
                .extracting(session -> session.getString("sessionId")).containsExactly(laptopSession);
        assertThat(endSession(laptop.getString("accessToken"), phoneSession).statusCode()).as("ended already")
                .isEqualTo(404);
        assertThat(sessionsOf(stranger).body()).as("the stranger's session lives on").contains(strangersSession);
        assertThat(send(HttpRequest.newBuilder(TestServer.http("/api/auth/sessions")).GET()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void refusesARefreshOfASessionOlderThanItsLifetimeHoweverOftenItWasRefreshed() throws Exception {
        JsonObject tokens = TestServer.json(signIn(email, password));
        String session = claimsOf(tokens.getString("accessToken")).getString("sid");
        JsonObject refreshed = TestServer.json(refresh(tokens.getString("refreshToken")));

        // the session began 30 days and a minute ago (the default lifetime is 30 days)
        TestServer.execute("update auth.sessions set created_at = now() - interval '30 days 1 minute'"
                + " where session_id = '" + session + "'");

        assertThat(refresh(refreshed.getString("refreshToken")).statusCode()).isEqualTo(401);
        assertThat(sessionsOf(tokens.getString("accessToken")).body()).doesNotContain(session);
    }

    @Test
    void deletesSessionsThatCannotBeUsedAnyMoreWithTheirTokensAndKeepsTheOthers() throws Exception {
        String live = claimsOf(TestServer.json(signIn(email, password)).getString("accessToken")).getString("sid");
        String tooOld = claimsOf(TestServer.json(signIn(email, password)).getString("accessToken")).getString("sid");
        String expired = claimsOf(TestServer.json(signIn(email, password)).getString("accessToken")).getString("sid");
        // one began longer ago than a session may live; every refresh token of the other has expired
        TestServer.execute("update auth.sessions set created_at = now() - interval '30 days 1 minute'"
                + " where session_id = '" + tooOld + "'");
        TestServer.execute("update auth.refresh_tokens set expires_at = now() - interval '1 minute'"
                + " where session_id = '" + expired + "'");

        // the tests' server looks every second
        DeliveryIT.eventually(() -> rowsOfSession(tooOld) == 0 && rowsOfSession(expired) == 0,
                "the ended sessions and their refresh tokens deleted");
        assertThat(rowsOfSession(live)).as("the live session's row and its refresh token").isEqualTo(2);
    }

    /** The session's row and its refresh tokens. */
    private static long rowsOfSession(String sessionId) throws Exception {
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement("select (select count(*) from auth.sessions"
                     + " where session_id = ?::uuid) + (select count(*) from auth.refresh_tokens"
                     + " where session_id = ?::uuid)")) {
            query.setString(1, sessionId);
            query.setString(2, sessionId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionAndKeepsThisOne() throws Exception {
        String owner = "changing-" + UUID.randomUUID() + "@example.org";
        String oldPassword = "the old long passphrase";
        String newPassword = "a brand new passphrase";
        String userId = TestServer.register(owner, oldPassword, "Changing");
        JsonObject here = TestServer.json(signIn(owner, oldPassword));
        JsonObject elsewhere = TestServer.json(signIn(owner, oldPassword));
        String bearer = "Bearer " + here.getString("accessToken");

        assertThat(changePassword(bearer, "not my password", newPassword).statusCode()).isEqualTo(401);
        HttpResponse<String> weak = changePassword(bearer, oldPassword, "short");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(weak).getJsonArray("violations").getJsonObject(0).getString("field"))
                .isEqualTo("newPassword");
        assertThat(changePassword(null, oldPassword, newPassword).statusCode()).isEqualTo(401);
        HttpResponse<String> changed = changePassword(bearer, oldPassword, newPassword);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(refresh(elsewhere.getString("refreshToken")).statusCode()).as("the other session").isEqualTo(401);
        assertThat(refresh(here.getString("refreshToken")).statusCode()).as("this session").isEqualTo(200);
        assertThat(signIn(owner, oldPassword).statusCode()).isEqualTo(401);
        assertThat(signIn(owner, newPassword).statusCode()).isEqualTo(200);
        assertThat(TestServer.eventTypes("account-" + userId)).contains("auth.PasswordChanged");
    }

    private static HttpResponse<String> changePassword(String bearer, String current, String next) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(TestServer.http("/api/auth/accounts/me/password"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"" + current
                        + "\",\"newPassword\":\"" + next + "\"}"));
        return send(bearer == null ? request : request.header("Authorization", bearer));
    }

    private static HttpResponse<String> sessionsOf(String accessToken) throws Exception {
        return send(HttpRequest.newBuilder(TestServer.http("/api/auth/sessions"))
                .header("Authorization", "Bearer " + accessToken).GET());
    }

    private static HttpResponse<String> endSession(String accessToken, String sessionId) throws Exception {
        return send(HttpRequest.newBuilder(TestServer.http("/api/auth/sessions/" + sessionId))
                .header("Authorization", "Bearer " + accessToken).DELETE());
    }

    @Test
    void answersMalformedSignInsWithAProblemAndRecordsNothing() throws Exception {
        List<String> before = lastAccountEvent();
        String[][] cases = {
                {"{\"password\":\"x\"}", "email"},
                {"{\"email\":\"" + email + "\"}", "password"},
                {"{\"email\":\"not an address\",\"password\":\"x\"}", "email"},
                {"{\"email\":\"" + email + "\",\"password\":\"" + "x".repeat(600) + "\"}", "password"}};
        for (String[] invalid : cases) {
            HttpResponse<String> refused = send(post("/api/auth/sessions", invalid[0], "application/json"));
            assertThat(refused.statusCode()).as(invalid[0]).isEqualTo(400);
            assertThat(TestServer.json(refused).getJsonArray("violations").getJsonObject(0).getString("field"))
                    .isEqualTo(invalid[1]);
        }
        for (String unreadable : new String[] {"{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"remember\":true}", "{\"email\":", "[]"}) {
            HttpResponse<String> refused = send(post("/api/auth/sessions", unreadable, "application/json"));
            assertThat(refused.statusCode()).as(unreadable).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(unreadable)
                    .hasValue("application/problem+json");
        }
        HttpResponse<String> wrongType = send(post("/api/auth/sessions", "email=" + email, "text/plain"));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(lastAccountEvent()).isEqualTo(before);
    }

    @Test
    void documentsTheSessionEndpoints() throws Exception {
        JsonObject paths = TestServer.json(TestServer.get(TestServer.http("/api/auth/openapi?format=JSON")))
                .getJsonObject("paths");

        assertThat(paths.getJsonObject("/api/auth/sessions").getJsonObject("post").getJsonObject("responses")
                .keySet()).containsExactlyInAnyOrder("200", "400", "401", "429");
        assertThat(paths.getJsonObject("/api/auth/sessions/refresh").getJsonObject("post")
                .getJsonObject("responses").keySet()).containsExactlyInAnyOrder("200", "400", "401");
        assertThat(paths.getJsonObject("/api/auth/sessions/current").getJsonObject("delete")
                .getJsonObject("responses").keySet()).containsExactlyInAnyOrder("204", "401");
        assertThat(paths.getJsonObject("/api/auth/sessions").getJsonObject("get").getJsonObject("responses")
                .keySet()).containsExactlyInAnyOrder("200", "401");
        assertThat(paths.getJsonObject("/api/auth/sessions/{sessionId}").getJsonObject("delete")
                .getJsonObject("responses").keySet()).containsExactlyInAnyOrder("204", "401", "404");
    }

    private HttpResponse<String> signIn(String address, String secret) throws Exception {
        return send(post("/api/auth/sessions", "{\"email\":\"" + address + "\",\"password\":\"" + secret + "\"}",
                "application/json"));
    }

    private static HttpResponse<String> refresh(String refreshToken) throws Exception {
        return send(post("/api/auth/sessions/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}",
                "application/json"));
    }

    private static HttpRequest.Builder post(String path, String body, String contentType) {
        return HttpRequest.newBuilder(TestServer.http(path)).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject claimsOf(String token) {
        return TestServer.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
    }

    /** The stored password hash of {@code userId} and when the password was last changed (UTC). */
    private static List<String> credentials(UUID userId) throws Exception {
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement("select password_hash, to_char(changed_at at time zone"
                     + " 'UTC', 'YYYY-MM-DD\"T\"HH24:MI\"Z\"') from auth.credentials where user_id = ?")) {
            query.setObject(1, userId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("credentials of " + userId).isTrue();
                return List.of(row.getString(1), row.getString(2));
            }
        }
    }

    /** The type of the administrator's latest account event and its session or reason. */
    private List<String> lastAccountEvent() throws Exception {
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement("select event_type,"
                     + " coalesce(payload ->> 'sessionId', payload ->> 'reason', '')"
                     + " from event_infra.events where stream_id = ? order by stream_version desc limit 1")) {
            query.setString(1, "account-" + administrator);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return List.of(row.getString(1), row.getString(2));
            }
        }
    }
}
