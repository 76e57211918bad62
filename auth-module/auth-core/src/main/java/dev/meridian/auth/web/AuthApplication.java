package dev.meridian.auth.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of auth: accounts, credentials, roles, sessions and password resets. */
@ApplicationPath("/")
public class AuthApplication extends Application {
}
