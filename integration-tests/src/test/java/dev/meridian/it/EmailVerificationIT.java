package dev.meridian.it;

import static dev.meridian.it.TestServer.postJson;
import static dev.meridian.it.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
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
 * Email verification end to end against the deployed EAR, with the mails read from a real SMTP server: the link in
 * the welcome mail, a new link asked for, the address verified on the profile. The tests' server lets a link work
 * for a minute ({@code meridian.email-verification.token-lifetime} in arquillian.xml), longer than a test takes, so
 * a refused link was refused for what the test did to it, and mails three links per account an hour.
 */
@ExtendWith(ArquillianExtension.class)
class EmailVerificationIT {

    private static final String PASSWORD = "a long passphrase";
    private static final String WELCOME = "Welcome to Meridian, Vera";
    private static final String NEW_LINK = "Confirm your address for Meridian";
    private static final Pattern LINK =
            Pattern.compile("https://app\\.meridian\\.test/email-verification#token=([A-Za-z0-9_-]+)");

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(
            Integer.parseInt(TestServer.property("meridian.test.smtp.port")), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final Mailbox MAILBOX = new Mailbox(MAIL);

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void theWelcomeMailsLinkVerifiesTheAddressOnce() throws Exception {
        String email = newAddress();
        String userId = TestServer.register(email, PASSWORD, "Vera");
        String bearer = bearerOf(email);
        assertThat(emailVerified(bearer)).as("before the link is opened").isFalse();

        String token = tokenIn(MAILBOX.mailTo(email, WELCOME));
        assertThat(send(confirm(token)).statusCode()).isEqualTo(204);

        DeliveryIT.eventually(() -> emailVerified(bearer), "the profile says the address is verified");
        HttpResponse<String> again = send(confirm(token));
        assertThat(again.statusCode()).as("used").isEqualTo(400);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> askedAfterwards = send(askForLink(bearer));
        assertThat(askedAfterwards.statusCode()).as(askedAfterwards.body()).isEqualTo(409);
        assertThat(TestServer.eventTypes("account-" + userId)).containsOnlyOnce("auth.EmailAddressVerified");
        assertThat(TestServer.eventTypes("profile-" + userId)).containsOnlyOnce("user.EmailVerified");
    }

    @Test
    void aNewLinkReplacesTheOldOneAndTheLinksAreLimited() throws Exception {
        String email = newAddress();
        TestServer.register(email, PASSWORD, "Vera");
        String bearer = bearerOf(email);
        String first = tokenIn(MAILBOX.mailTo(email, WELCOME));

        HttpResponse<String> asked = send(askForLink(bearer).header("Accept-Language", "de"));

        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        String second = tokenIn(MAILBOX.mailTo(email, "Adresse für Meridian bestätigen"));
        assertThat(send(confirm(first)).statusCode()).as("superseded").isEqualTo(400);
        assertThat(emailVerified(bearer)).isFalse();
        assertThat(send(askForLink(bearer)).statusCode()).isEqualTo(202);
        assertThat(send(askForLink(bearer)).statusCode()).isEqualTo(202);
        HttpResponse<String> limited = send(askForLink(bearer));
        assertThat(limited.statusCode()).as("the fourth link within the hour").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        DeliveryIT.eventually(() -> MAILBOX.mailsTo(email, NEW_LINK).size() == 2, "the two English links mailed");
        assertThat(send(confirm(second)).statusCode()).as("superseded by the later links").isEqualTo(400);
        // the newest link works, the one before it does not, in whichever order the mails arrived
        List<Integer> answers = new ArrayList<>();
        for (MimeMessage mail : MAILBOX.mailsTo(email, NEW_LINK)) {
            answers.add(send(confirm(tokenIn(mail))).statusCode());
        }
        assertThat(answers).containsExactlyInAnyOrder(204, 400);
        DeliveryIT.eventually(() -> emailVerified(bearer), "the profile says the address is verified");
    }

    @Test
    void aMailStepTooSlowCancelsTheRequestAndItsMailNeverGoesOut() throws Exception {
        String email = newAddress();
        String userId = TestServer.register(email, PASSWORD, "Vera");
        String bearer = bearerOf(email);
        MAILBOX.mailTo(email, WELCOME);
        // longer than the tests' step timeout (meridian.process.step-timeout=PT2S in arquillian.xml): the mail is
        // held after the process was cancelled, and compensating it is all that keeps it from going out
        TestServer.execute("""
                create function stall_for_test() returns trigger language plpgsql as $$
                begin perform pg_sleep(4); return new; end $$;
                """);
        TestServer.execute("create trigger stall_for_test before insert on notification.deliveries for each row"
                + " when (new.kind = 'EMAIL_VERIFICATION') execute function stall_for_test()");
        HttpResponse<String> refused;
        try {
            refused = send(askForLink(bearer));
        } finally {
            TestServer.execute("drop trigger stall_for_test on notification.deliveries");
            TestServer.execute("drop function stall_for_test()");
        }

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // the stalled step ends, and commits or finds the process cancelled, whichever came first
        DeliveryIT.eventually(() -> TestServer.count("select count(*) from pg_stat_activity"
                + " where wait_event = 'PgSleep'") == 0, "the stalled step ended");
        DeliveryIT.eventually(() -> Processes.steps(Processes.of("email-verification", userId)).stream()
                .anyMatch(step -> step.equals("notification: compensated")
                        || step.equals("notification: cancelled before its step")), "the held mail compensated");
        assertThat(Processes.status(Processes.of("email-verification", userId))).isEqualTo("CANCELLED");
        assertThat(Processes.steps(Processes.of("email-verification", userId))).contains("auth: failed");
        assertThat(TestServer.count("select count(*) from notification.deliveries where user_id = '" + userId
                + "' and kind = 'EMAIL_VERIFICATION' and status <> 'CANCELLED'"))
                .as("the mail of the cancelled request, held and never sent").isZero();

        HttpResponse<String> again = send(askForLink(bearer));
        assertThat(again.statusCode()).as("asked again: " + again.body()).isEqualTo(202);
        assertThat(send(confirm(tokenIn(MAILBOX.mailTo(email, NEW_LINK)))).statusCode()).isEqualTo(204);
        assertThat(MAILBOX.mailsTo(email, NEW_LINK)).as("only the second request's mail").hasSize(1);
    }

    @Test
    void aLinkStopsWorkingWhenItExpires() throws Exception {
        String email = newAddress();
        String userId = TestServer.register(email, PASSWORD, "Vera");
        String token = tokenIn(MAILBOX.mailTo(email, WELCOME));

        try (Connection db = TestServer.database(); PreparedStatement expire = db.prepareStatement(
                "update auth.email_verifications set expires_at = now() - interval '1 second' where user_id = ?")) {
            expire.setObject(1, UUID.fromString(userId));
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        assertThat(send(confirm(token)).statusCode()).isEqualTo(400);
        assertThat(TestServer.eventTypes("account-" + userId)).doesNotContain("auth.EmailAddressVerified");
    }

    @Test
    void badRequestsAreRefusedWithAProblem() throws Exception {
        assertThat(send(postJson("/api/auth/email-verifications", "")).statusCode()).as("no token").isEqualTo(401);
        for (String body : new String[] {"{}", "{\"token\":\"\"}", "{\"token\":\"" + "x".repeat(300) + "\"}",
                "{\"token\":\"no-such-token\"}"}) {
            HttpResponse<String> refused = send(postJson("/api/auth/email-verifications/confirmation", body));
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
        }
    }

    private static String newAddress() {
        return "vera-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static String bearerOf(String email) throws Exception {
        return "Bearer " + TestServer.json(TestServer.signIn(email, PASSWORD)).getString("accessToken");
    }

    private static boolean emailVerified(String bearer) throws Exception {
        HttpResponse<String> profile = send(HttpRequest.newBuilder(TestServer.http("/api/users/me"))
                .header("Authorization", bearer));
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        return TestServer.json(profile).getBoolean("emailVerified");
    }

    private static HttpRequest.Builder askForLink(String bearer) {
        return postJson("/api/auth/email-verifications", "").header("Authorization", bearer);
    }

    private static HttpRequest.Builder confirm(String token) {
        return postJson("/api/auth/email-verifications/confirmation", "{\"token\":\"" + token + "\"}");
    }

    private static String tokenIn(MimeMessage mail) throws Exception {
        Matcher link = LINK.matcher(Mailbox.textOf(mail));
        assertThat(link.find()).as("a verification link in the mail").isTrue();
        return link.group(1);
    }
}
