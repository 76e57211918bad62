package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The EAR without event-infra's admin console: the modules alone must still relay their events and deliver them
 * to each other. A data export needs both ways: user's request reaches the other three modules through user's
 * topic, and their contributions come back through theirs.
 */
@ExtendWith(ArquillianExtension.class)
class WithoutConsoleIT {

    private static final String CONSOLE = "event-infra-admin.war";

    @Deployment(testable = false)
    static EnterpriseArchive meridianWithoutConsole() {
        EnterpriseArchive ear = TestServer.meridianEar();
        String applicationXml;
        try (InputStream xml = ear.get("META-INF/application.xml").getAsset().openStream()) {
            applicationXml = new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String withoutConsole = applicationXml.replaceAll(
                "(?s)<module>\\s*<web>\\s*<web-uri>" + CONSOLE + "</web-uri>.*?</module>", "");
        assertThat(withoutConsole).as("application.xml names the console").isNotEqualTo(applicationXml);
        ear.delete(CONSOLE);
        return ear.setApplicationXML(new StringAsset(withoutConsole));
    }

    @Test
    void relaysAndDeliversWithoutTheConsole() throws Exception {
        assertThat(TestServer.get(TestServer.http("/admin/api/info")).statusCode()).as("no console")
                .isEqualTo(404);
        String email = "no-console-" + UUID.randomUUID() + "@example.org";
        String password = "a passphrase without a console";
        TestServer.register(email, password, "No Console");
        HttpResponse<String> session = TestServer.signIn(email, password);
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        String bearer = "Bearer " + TestServer.json(session).getString("accessToken");

        HttpResponse<String> requested = TestServer.send(HttpRequest.newBuilder(
                TestServer.http("/api/users/me/data-exports")).header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String exportId = TestServer.json(requested).getString("exportId");

        DeliveryIT.eventually(() -> {
            HttpResponse<String> export = TestServer.send(HttpRequest.newBuilder(TestServer.http(
                    "/api/users/me/data-exports/" + exportId)).header("Authorization", bearer));
            return export.statusCode() == 200 && TestServer.json(export.body()).getString("status").equals("READY");
        }, "the export ready: every module's contribution delivered");
    }
}
