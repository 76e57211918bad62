package dev.meridian.it;

import static dev.meridian.it.TestServer.count;
import static dev.meridian.it.TestServer.postJson;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The password-reset process end to end against the deployed EAR, with the mails read from a real SMTP server.
 * The tests' server lets a reset link work for ten seconds ({@code meridian.password-reset.token-lifetime} in
 * arquillian.xml) and allows three requests per email address an hour.
 */
@ExtendWith(ArquillianExtension.class)
class PasswordResetIT {

    private static final String OLD_PASSWORD = "the password I forgot";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final Pattern LINK = Pattern.compile("https://app\\.meridian\\.test/password-reset#token=([A-Za-z0-9_-]+)");

    /** A real SMTP server where the server's mail goes (meridian.smtp.port in arquillian.xml); fresh per test. */
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final Mailbox MAILBOX = new Mailbox(MAIL);

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void resetsThePasswordWithTheMailedLinkOnceAndEndsEverySession() throws Exception {
        String email = "forgetful-" + UUID.randomUUID() + "@example.org";
        String userId = register(email);
        String refreshToken = TestServer.json(signIn(email, OLD_PASSWORD)).getString("refreshToken");
        String correlationId = UUID.randomUUID().toString();

        HttpResponse<String> asked = send(askForReset(email.toUpperCase()).header("Accept-Language", "de")
                .header("X-Correlation-Id", correlationId));

        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        MimeMessage resetMail = MAILBOX.mailTo(email, "Meridian-Passwort zurücksetzen");
        String token = tokenIn(resetMail);
        HttpResponse<String> weak = send(confirm(token, "short"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(weak).getJsonArray("violations").getJsonObject(0).getString("field"))
                .isEqualTo("newPassword");
        assertThat(send(confirm(token, NEW_PASSWORD)).statusCode()).as("a weak password left the token working")
                .isEqualTo(204);
        HttpResponse<String> again = send(confirm(token, "yet another passphrase"));
        assertThat(again.statusCode()).as("used").isEqualTo(400);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertThat(signIn(email, OLD_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(signIn(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(send(postJson("/api/auth/sessions/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}"))
                .statusCode()).as("the session from before the reset is over").isEqualTo(401);
        assertThat(MAILBOX.mailTo(email, "Ihr Meridian-Passwort wurde geändert")).isNotNull();

        assertThat(TestServer.eventTypes("account-" + userId)).containsSubsequence("auth.UserLoggedIn",
                "auth.PasswordResetRequested", "auth.PasswordChanged", "auth.UserLoggedIn");
        assertThat(count("select count(*) from event_infra.events where correlation_id = '" + correlationId
                + "' and event_type = 'auth.PasswordResetRequested'")).as("the request's correlation id").isOne();
        DeliveryIT.eventually(() -> Processes.status(Processes.of("password-reset", userId)).equals("CLOSED")
                && count("select count(*) from notification.deliveries where user_id = '" + userId
                + "' and status = 'SENT'") == 3, "the process closed and its mails recorded as sent");
        assertThat(Processes.steps(Processes.of("password-reset", userId))).contains("auth: reset token issued",
                "notification: reset mail queued", "auth: password changed", "auth: completed",
                "notification: completed");
        assertThat(DatabaseScan.columnsContaining(token)).as("the token, anywhere in the database").isEmpty();
        assertThat(Files.readString(Path.of(TestServer.property("meridian.test.base.dir"), "log", "server.log"),
                StandardCharsets.UTF_8)).as("the server's log").doesNotContain(token).doesNotContain(NEW_PASSWORD);
        String metrics = TestServer.get(TestServer.management("/prometheus")).body();
        assertThat(metrics.lines().filter(line -> line.startsWith("meridian_password_resets_total{")
                && line.contains("outcome=\"done\""))).isNotEmpty();
        assertThat(metrics.lines().filter(line -> line.startsWith("meridian_password_reset_confirmations_total{")
                && line.contains("outcome=\"refused\""))).isNotEmpty();
    }

    @Test
    void answersAnAddressWithoutAccountAlikeAndMailsItNothing() throws Exception {
        String nobody = "nobody-" + UUID.randomUUID() + "@example.org";
        String somebody = "somebody-" + UUID.randomUUID() + "@example.org";
        register(somebody);

        HttpResponse<String> forNobody = send(askForReset(nobody));
        HttpResponse<String> forSomebody = send(askForReset(somebody));

        assertThat(forNobody.statusCode()).isEqualTo(202);
        assertThat(forSomebody.statusCode()).isEqualTo(202);
        assertThat(forNobody.body()).isEqualTo(forSomebody.body());
        // requests are worked on oldest first: once somebody's mail is out, nobody's request was done with
        MAILBOX.mailTo(somebody, "Reset your Meridian password");
        DeliveryIT.eventually(() -> count("select count(*) from auth.password_reset_requests where email in ('"
                + nobody + "', '" + somebody + "')") == 0, "both requests worked on and forgotten");
        assertThat(MAIL.getReceivedMessagesForDomain(nobody)).isEmpty();
        assertThat(count("select count(*) from notification.deliveries where recipient = '" + nobody + "'")).isZero();
        assertThat(TestServer.get(TestServer.management("/prometheus")).body().lines()
                .filter(line -> line.startsWith("meridian_password_resets_total{")))
                .as("no outcome that only an address without account has").noneMatch(line -> line.contains("account"))
                .allMatch(line -> line.contains("outcome=\"done\"") || line.contains("outcome=\"failed\""));
    }

    @Test
    void aNewerRequestMakesTheEarlierLinkStopWorking() throws Exception {
        String email = "twice-" + UUID.randomUUID() + "@example.org";
        String userId = register(email);

        assertThat(send(askForReset(email)).statusCode()).isEqualTo(202);
        String earlier = tokenIn(MAILBOX.mailTo(email, "Reset your Meridian password"));
        assertThat(send(askForReset(email)).statusCode()).isEqualTo(202);
        DeliveryIT.eventually(() -> MAILBOX.mailsTo(email, "Reset your Meridian password").size() == 2,
                "the second reset mail");
        String later = tokenIn(MAILBOX.mailsTo(email, "Reset your Meridian password").get(1));

        assertThat(later).isNotEqualTo(earlier);
        assertThat(send(confirm(earlier, NEW_PASSWORD)).statusCode()).as("superseded").isEqualTo(400);
        assertThat(send(confirm(later, NEW_PASSWORD)).statusCode()).isEqualTo(204);
        DeliveryIT.eventually(() -> Processes.all("password-reset", userId).stream().map(Processes::status)
                .sorted().toList().equals(List.of("CANCELLED", "CLOSED")), "the earlier process cancelled");
        assertThat(signIn(email, NEW_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aLinkStopsWorkingWhenItsProcessTimesOut() throws Exception {
        String email = "slow-" + UUID.randomUUID() + "@example.org";
        String userId = register(email);

        assertThat(send(askForReset(email)).statusCode()).isEqualTo(202);
        String token = tokenIn(MAILBOX.mailTo(email, "Reset your Meridian password"));
        // the tests' links work for ten seconds; the coordinator then cancels the process
        DeliveryIT.eventually(() -> Processes.status(Processes.of("password-reset", userId)).equals("CANCELLED"),
                "the process timed out");

        assertThat(send(confirm(token, NEW_PASSWORD)).statusCode()).isEqualTo(400);
        assertThat(count("select count(*) from auth.password_resets where user_id = '" + userId
                + "' and status = 'EXPIRED'")).isOne();
        assertThat(Processes.steps(Processes.of("password-reset", userId))).contains("auth: compensated",
                "notification: compensated");
        assertThat(signIn(email, OLD_PASSWORD).statusCode()).as("the password is unchanged").isEqualTo(200);
    }

    @Test
    void limitsRequestsPerEmailAddress() throws Exception {
        String email = "impatient-" + UUID.randomUUID() + "@example.org";
        for (int request = 1; request <= 3; request++) {
            assertThat(send(askForReset(email)).statusCode()).as("request " + request).isEqualTo(202);
        }

        HttpResponse<String> refused = send(askForReset(email));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void refusesBadInputWithAProblem() throws Exception {
        long requests = count("select count(*) from auth.password_reset_requests");
        String[][] cases = {
                {"/api/auth/password-resets", "{}", "email"},
                {"/api/auth/password-resets", "{\"email\":\"not an address\"}", "email"},
                {"/api/auth/password-resets/confirmation", "{\"newPassword\":\"" + NEW_PASSWORD + "\"}", "token"},
                {"/api/auth/password-resets/confirmation", "{\"token\":\"abc\"}", "newPassword"},
                {"/api/auth/password-resets/confirmation", "{\"token\":\"" + "t".repeat(1_000) + "\",\"newPassword\":\""
                        + NEW_PASSWORD + "\"}", "token"}};
        for (String[] invalid : cases) {
            HttpResponse<String> refused = send(postJson(invalid[0], invalid[1]));
            assertThat(refused.statusCode()).as(invalid[1]).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(TestServer.json(refused).getJsonArray("violations").getJsonObject(0).getString("field"))
                    .as(invalid[1]).isEqualTo(invalid[2]);
        }
        HttpResponse<String> madeUp = send(confirm("made-up-token", NEW_PASSWORD));
        assertThat(madeUp.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(madeUp).getString("detail")).contains("invalid, used or expired");
        assertThat(send(postJson("/api/auth/password-resets", "{\"email\":\"x@example.org\",\"role\":\"admin\"}"))
                .statusCode()).as("an unknown field").isEqualTo(400);
        HttpResponse<String> wrongType = send(HttpRequest.newBuilder(TestServer.http("/api/auth/password-resets"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x@example.org")));
        assertThat(wrongType.statusCode()).isEqualTo(415);

        assertThat(count("select count(*) from auth.password_reset_requests")).isLessThanOrEqualTo(requests);
    }

    private static String register(String email) throws Exception {
        HttpResponse<String> registered = send(postJson("/api/auth/registrations", "{\"email\":\"" + email
                + "\",\"password\":\"" + OLD_PASSWORD + "\",\"displayName\":\"Forgetful\"}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return TestServer.json(registered).getString("userId");
    }

    private static HttpResponse<String> signIn(String email, String password) throws Exception {
        return send(postJson("/api/auth/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\"}"));
    }

    private static HttpRequest.Builder askForReset(String email) {
        return postJson("/api/auth/password-resets", "{\"email\":\"" + email + "\"}");
    }

    private static HttpRequest.Builder confirm(String token, String newPassword) {
        return postJson("/api/auth/password-resets/confirmation", "{\"token\":\"" + token + "\",\"newPassword\":\""
                + newPassword + "\"}");
    }

    /** The token in the reset link of {@code mail}'s text part, decoded as a mail reader shows it. */
    private static String tokenIn(MimeMessage mail) throws Exception {
        Matcher link = LINK.matcher(Mailbox.textOf(mail));
        assertThat(link.find()).as("a reset link in the mail").isTrue();
        return link.group(1);
    }
}
