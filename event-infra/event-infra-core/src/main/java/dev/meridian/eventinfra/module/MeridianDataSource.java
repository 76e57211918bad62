package dev.meridian.eventinfra.module;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one datasource every module and event-infra use, for {@code @Inject DataSource}. Its JNDI name is
 * configuration ({@code meridian.datasource.jndi-name}, WildFly's in this jar's microprofile-config.properties), so
 * no class names a server's JNDI namespace and another application server needs another setting, not other code.
 * Looked up once: the server's datasource is itself a pool, safe to share.
 */
@ApplicationScoped
public class MeridianDataSource {

    /** The setting that names the datasource. */
    public static final String JNDI_NAME = "meridian.datasource.jndi-name";

    private DataSource dataSource;

    @PostConstruct
    void lookUp() {
        dataSource = ServerResources.lookUp(ConfigProvider.getConfig(MeridianDataSource.class.getClassLoader()),
                JNDI_NAME, DataSource.class);
    }

    @Produces
    DataSource dataSource() {
        return dataSource;
    }
}
