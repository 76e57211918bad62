package dev.meridian.payara;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives every web module of the Payara EAR the {@link InternalDoor} and Meridian's roles, every module but the root
 * its own OpenAPI document ({@link ModuleOpenApi}), and the root module ({@code /}) the metrics; with
 * {@code meridian.proxy-address-forwarding}, the client address of {@code X-Forwarded-For}
 * ({@link ForwardedClientAddress}). A module WAR deployed on its own (Payara Micro, {@code payara/payara-micro})
 * carries this jar in its {@code WEB-INF/lib}: it is the whole application then, and serves the metrics under its
 * own path ({@code /api/analytics/prometheus}).
 *
 * <p>Roles: Payara grants a token's group as a role only when the application declares that role, which Payara's
 * MicroProfile JWT does for the roles of {@code @RolesAllowed} on CDI beans; Meridian checks its one role,
 * {@code admin}, in code ({@code isUserInRole}). {@code user} is every account's group.
 */
public class PayaraWebModules implements ServletContainerInitializer {

    static final String PROMETHEUS_PATH = "/prometheus";
    /** Where WildFly serves each module's OpenAPI document ({@code mp.openapi.extensions.path}). */
    private static final String OPENAPI_PATH = "/openapi";
    private static final String[] ROLES = {"admin", "user"};

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        Config config = ConfigProvider.getConfig(PayaraWebModules.class.getClassLoader());
        int internalPort = config.getOptionalValue("meridian.internal.port", Integer.class).orElse(8090);
        if (config.getOptionalValue("meridian.proxy-address-forwarding", Boolean.class).orElse(false)) {
            context.addFilter("meridian-forwarded-client-address", new ForwardedClientAddress(internalPort))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        context.addFilter("meridian-internal-door", new InternalDoor(internalPort))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        context.declareRoles(ROLES);
        if (!context.getContextPath().isEmpty()) {
            context.addServlet("meridian-openapi", ModuleOpenApi.class).addMapping(OPENAPI_PATH);
        }
        // this jar in the WAR's own WEB-INF/lib (not the EAR's lib/, nor the server's --addlibs): the WAR is alone
        boolean wholeApplication = context.getClassLoader() == PayaraWebModules.class.getClassLoader();
        if (context.getContextPath().isEmpty() || wholeApplication) {
            context.addServlet("meridian-prometheus", PrometheusScrape.class).addMapping(PROMETHEUS_PATH);
        }
    }
}
