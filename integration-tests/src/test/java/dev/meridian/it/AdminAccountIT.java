package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The administrator from the configuration ({@code meridian.admin.email} and {@code meridian.admin.password}, set
 * for the tests' server in arquillian.xml) exists once, however often the EAR starts.
 */
@ExtendWith(ArquillianExtension.class)
class AdminAccountIT {

    private static final String DEPLOYMENT = "meridian";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void createsTheConfiguredAdministratorOnceWithAHashedPasswordAndNoAddressInItsEvents() throws Exception {
        deployer.deploy(DEPLOYMENT);
        deployer.undeploy(DEPLOYMENT);
        deployer.deploy(DEPLOYMENT);
        try {
            String email = TestServer.property("meridian.test.admin.email");
            List<String> userIds = column("select user_id from auth.account_emails where email = ?", email);
            assertThat(userIds).as("accounts with the administrator's address after two starts").hasSize(1);
            String userId = userIds.get(0);

            String hash = column("select password_hash from auth.credentials where user_id = ?::uuid", userId).get(0);
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                    .doesNotContain(TestServer.property("meridian.test.admin.password"));

            assertThat(column("select event_type from event_infra.events where stream_id = ?"
                    + " order by stream_version", "account-" + userId))
                    .as("registered and activated once (other tests may change its roles later)")
                    .startsWith("auth.UserRegistered", "auth.AccountActivated")
                    .containsOnlyOnce("auth.UserRegistered", "auth.AccountActivated");
            String registered = column("select payload::text from event_infra.events where stream_id = ?"
                    + " and event_type = 'auth.UserRegistered'", "account-" + userId).get(0);
            JsonObject payload = TestServer.json(registered);
            assertThat(payload.getJsonArray("roles").getValuesAs(JsonString.class))
                    .extracting(JsonString::getString).containsExactly("user", "admin");
            assertThat(registered).as("the address is stored encrypted with the person's key").doesNotContain(email);
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }

    private static List<String> column(String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = TestServer.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
