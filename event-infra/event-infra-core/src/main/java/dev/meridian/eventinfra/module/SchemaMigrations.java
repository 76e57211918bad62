package dev.meridian.eventinfra.module;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings one schema up to date with the Flyway migrations under {@code db/migration/<schema>}. Each schema keeps
 * its own history table, so modules evolve independently on the one shared database.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Inject
    DataSource dataSource;

    /**
     * Migrates {@code schema}, creating it when missing.
     *
     * @param migrationsLoader the class loader that sees the owning module's migration scripts
     * @return the schema version after migration, or "0" while it has no migration yet
     */
    public String migrate(String schema, ClassLoader migrationsLoader) {
        return migrate(dataSource, schema, migrationsLoader);
    }

    /** {@link #migrate(String, ClassLoader)} on any data source, for tools and tests outside the server. */
    public static String migrate(DataSource dataSource, String schema, ClassLoader migrationsLoader) {
        MigrateResult result = Flyway.configure(migrationsLoader)
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/" + schema)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : "0";
        LOG.info(() -> "Schema " + schema + " at version " + version + " (" + result.migrationsExecuted
                + " migrations applied now)");
        return version;
    }
}
