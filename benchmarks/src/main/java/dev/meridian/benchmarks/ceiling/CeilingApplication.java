package dev.meridian.benchmarks.ceiling;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The ceiling probe's JAX-RS application, signed in to as every module is: a bearer token auth issued. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "meridian")
public class CeilingApplication extends Application {
}
