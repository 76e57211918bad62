package dev.meridian.user.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The JAX-RS application of user: profiles, preferences, email verification and data exports. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "meridian")
public class UserApplication extends Application {
}
