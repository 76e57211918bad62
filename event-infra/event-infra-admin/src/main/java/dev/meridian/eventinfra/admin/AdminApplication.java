package dev.meridian.eventinfra.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The JAX-RS application of the admin REST API over event-infra (the console page is served beside it). */
@ApplicationPath("/api")
// a CDI bean, so that the server sees @LoginConfig: Payara looks for it on beans only
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "meridian")
public class AdminApplication extends Application {
}
