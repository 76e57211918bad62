package dev.meridian.user.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of user: profiles, preferences, email verification and data exports. */
@ApplicationPath("/")
public class UserApplication extends Application {
}
