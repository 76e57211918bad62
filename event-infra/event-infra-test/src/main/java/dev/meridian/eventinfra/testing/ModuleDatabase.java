package dev.meridian.eventinfra.testing;

import dev.meridian.eventinfra.module.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for a test class, started before its first test and stopped after its last, with a module's
 * schema migrated by the module's own migrations (found by the test class's class loader):
 * <pre>{@code
 * @RegisterExtension
 * static final ModuleDatabase DATABASE = ModuleDatabase.withSchema("analytics");
 * ...
 * new RateLimiter(DATABASE.dataSource())
 * }</pre>
 */
public final class ModuleDatabase implements BeforeAllCallback, AfterAllCallback {

    private final String schema;
    private EmbeddedPostgres postgres;

    private ModuleDatabase(String schema) {
        this.schema = schema;
    }

    /** A database with {@code schema} migrated. */
    public static ModuleDatabase withSchema(String schema) {
        return new ModuleDatabase(Objects.requireNonNull(schema, "schema"));
    }

    /** A database without any module's schema: the test makes its own tables. */
    public static ModuleDatabase empty() {
        return new ModuleDatabase(null);
    }

    /** The database, while the test class runs. */
    public DataSource dataSource() {
        if (postgres == null) {
            throw new IllegalStateException("The database runs only while its test class does");
        }
        return postgres.getPostgresDatabase();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        if (schema != null) {
            SchemaMigrations.migrate(dataSource(), schema, context.getRequiredTestClass().getClassLoader());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the test's PostgreSQL", e);
        } finally {
            postgres = null;
        }
    }
}
