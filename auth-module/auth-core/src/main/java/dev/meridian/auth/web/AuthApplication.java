package dev.meridian.auth.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The JAX-RS application of auth: accounts, credentials, roles, sessions and password resets. */
@ApplicationPath("/")
// a CDI bean, so that the server sees @LoginConfig: Payara looks for it on beans only
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "meridian")
public class AuthApplication extends Application {
}
