package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.it.probe.ProbeEvents;
import dev.meridian.launcher.EmbeddedDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** How the tests reach the server Arquillian runs and the database behind it. */
public final class TestServer {

    /**
     * The tests' HTTP client. HTTP/1.1 only: the default HTTP/2 attempt upgrades each new connection (h2c), and the
     * server now and then answers the upgrade with GOAWAY, failing a request that did nothing wrong.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer() {
    }

    public static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }

    /** The EAR the build produced, exactly as it ships. */
    static EnterpriseArchive meridianEar() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(property("meridian.ear")));
    }

    /** Adds the probe's events and their catalog to {@code ear}'s lib/, as a module's -api jar ships. */
    static EnterpriseArchive withProbeEvents(EnterpriseArchive ear) {
        return ear.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "probe-api.jar")
                .addClasses(ProbeEvents.class, ProbeEvents.Published.class, ProbeEvents.Catalog.class)
                .addAsServiceProvider(EventCatalog.class, ProbeEvents.Catalog.class));
    }

    /** Adds {@code war} to {@code ear} as a web module at {@code contextRoot}, after the shipped ones. */
    static EnterpriseArchive withWebModule(EnterpriseArchive ear, WebArchive war, String contextRoot) {
        String applicationXml = applicationXml(ear);
        // after the last module: what may follow the modules (library-directory) must stay after them
        int afterModules = applicationXml.lastIndexOf("</module>") + "</module>".length();
        return ear.addAsModule(war).setApplicationXML(new StringAsset(applicationXml.substring(0, afterModules)
                + "<module><web><web-uri>" + war.getName() + "</web-uri><context-root>" + contextRoot
                + "</context-root></web></module>" + applicationXml.substring(afterModules)));
    }

    /** {@code ear} without its web module {@code warName}, as a server that leaves that module to another runs it. */
    static EnterpriseArchive withoutWebModule(EnterpriseArchive ear, String warName) {
        String applicationXml = applicationXml(ear);
        String withoutModule = applicationXml.replaceAll("(?s)<module>\\s*<web>\\s*<web-uri>" + Pattern.quote(warName)
                + "</web-uri>.*?</module>", "");
        if (withoutModule.equals(applicationXml)) {
            throw new IllegalArgumentException(warName + " is no web module of the EAR");
        }
        ear.delete(warName);
        return ear.setApplicationXML(new StringAsset(withoutModule));
    }

    private static String applicationXml(EnterpriseArchive ear) {
        try (InputStream xml = ear.get("META-INF/application.xml").getAsset().openStream()) {
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A counter's value from {@code /prometheus}, summed over its series with every one of {@code labels}. */
    static double counter(String name, String... labels) throws Exception {
        return get(management("/prometheus")).body().lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    public static URI http(String path) {
        return URI.create("http://localhost:" + property("meridian.test.http.port") + path);
    }

    public static URI management(String path) {
        return URI.create("http://localhost:" + property("meridian.test.management.port") + path);
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonObject json(String object) {
        try (JsonReader reader = Json.createReader(new StringReader(object))) {
            return reader.readObject();
        }
    }

    /** Runs one SQL statement on the test database, as the tests' own setup (triggers, rows of a scenario). */
    static void execute(String sql) throws SQLException {
        try (Connection db = database(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs one SQL statement with {@code parameters} for its placeholders on the test database. */
    static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection db = database(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    static JsonArray jsonArray(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    /** One check of a MicroProfile Health report, by name. */
    static JsonObject healthCheck(JsonObject health, String name) {
        return health.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + health));
    }

    /** A JSON {@code POST} to {@code path}, patient enough for a process that hashes a password or two. */
    static HttpRequest.Builder postJson(String path, String json) {
        return HttpRequest.newBuilder(http(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers {@code email} with {@code password}, which must succeed; the new account's user id. */
    static String register(String email, String password, String displayName) throws Exception {
        HttpResponse<String> registered = send(postJson("/api/auth/registrations", "{\"email\":\"" + email
                + "\",\"password\":\"" + password + "\",\"displayName\":\"" + displayName + "\"}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).getString("userId");
    }

    /** The answer to signing in as {@code email} with {@code password}. */
    static HttpResponse<String> signIn(String email, String password) throws Exception {
        return send(postJson("/api/auth/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\"}"));
    }

    /** Signs {@code email} in and changes its display name through the user module's API. */
    static void changeDisplayName(String email, String password, String displayName) throws Exception {
        String bearer = "Bearer " + json(signIn(email, password)).getString("accessToken");
        HttpResponse<String> updated = send(HttpRequest.newBuilder(http("/api/users/me"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"" + displayName + "\"}")));
        if (updated.statusCode() != 200) {
            throw new AssertionError("The display name was not changed: " + updated.statusCode() + " "
                    + updated.body());
        }
    }

    /** The number {@code query} (one row, one column) answers. */
    static long count(String query) throws SQLException {
        try (Connection db = database(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    public static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + property("meridian.test.db.port") + "/"
                + EmbeddedDatabase.DATABASE, EmbeddedDatabase.USER, "");
    }

    /** The user id of the account with {@code email}; fails the test when there is none. */
    static UUID accountWith(String email) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("select user_id from auth.account_emails where email = ?")) {
            query.setString(1, email);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no account has " + email);
                }
                return row.getObject(1, UUID.class);
            }
        }
    }

    /** The types of the events of {@code streamId}, in stream order. */
    static List<String> eventTypes(String streamId) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement(
                     "select event_type from event_infra.events where stream_id = ? order by stream_version")) {
            query.setString(1, streamId);
            List<String> types = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
            return types;
        }
    }
}
