package dev.meridian.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deploying the EAR migrates one schema per module with Flyway, each with its own history. */
@ExtendWith(ArquillianExtension.class)
class ModuleSchemasIT {

    @Deployment(testable = false)
    static EnterpriseArchive meridian() {
        return TestServer.meridianEar();
    }

    @Test
    void flywayCreatedEveryModulesSchemaWithItsOwnHistory() throws Exception {
        try (Connection connection = TestServer.database()) {
            for (String schema : List.of("event_infra", "auth", "users", "notification", "analytics")) {
                assertThat(historyOf(connection, schema)).as(schema).isNotEmpty();
            }
            // event-infra's scripts live in a jar of the EAR's lib/: Flyway found them through the server's VFS
            assertThat(historyOf(connection, "event_infra")).contains("event store");
        }
    }

    private static List<String> historyOf(Connection connection, String schema) throws Exception {
        List<String> descriptions = new ArrayList<>();
        try (PreparedStatement exists = connection.prepareStatement(
                "select 1 from information_schema.tables where table_schema = ? and table_name = 'flyway_schema_history'")) {
            exists.setString(1, schema);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    return descriptions;
                }
            }
        }
        try (PreparedStatement history = connection.prepareStatement(
                "select description from \"" + schema + "\".flyway_schema_history where success order by installed_rank");
             ResultSet rows = history.executeQuery()) {
            while (rows.next()) {
                descriptions.add(rows.getString(1));
            }
        }
        return descriptions;
    }
}
