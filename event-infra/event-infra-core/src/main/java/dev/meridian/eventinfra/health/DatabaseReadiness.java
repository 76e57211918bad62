package dev.meridian.eventinfra.health;

import dev.meridian.eventinfra.module.ModuleStartup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the shared database answers; lists the schema version of every started module. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());

    private static final int TIMEOUT_SECONDS = 2;

    @Inject
    DataSource dataSource;

    @Inject
    ModuleStartup modules;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        modules.startedModules().forEach(module ->
                response.withData(module.descriptor().name() + ".schemaVersion", module.schemaVersion()));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.execute("select 1");
            return response.up().build();
        } catch (SQLException e) {
            // readiness is read by whoever can reach the management port: what is down, not the driver's words
            LOG.log(Level.WARNING, "The database is not ready", e);
            return response.withData("error", "the database does not answer; the server log has the cause")
                    .down().build();
        }
    }
}
