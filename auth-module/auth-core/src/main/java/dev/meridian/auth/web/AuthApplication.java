package dev.meridian.auth.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The JAX-RS application of auth: accounts, credentials, roles, sessions and password resets. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "meridian")
public class AuthApplication extends Application {
}
