package dev.meridian.eventinfra.module;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.naming.InitialContext;
import javax.naming.NamingException;
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
        String name = ConfigProvider.getConfig(MeridianDataSource.class.getClassLoader())
                .getValue(JNDI_NAME, String.class);
        try {
            dataSource = (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(JNDI_NAME + " names " + name + ", which is no datasource of this server",
                    e);
        }
    }

    @Produces
    DataSource dataSource() {
        return dataSource;
    }
}
