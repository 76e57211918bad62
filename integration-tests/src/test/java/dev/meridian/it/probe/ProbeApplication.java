package dev.meridian.it.probe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The probe's JAX-RS application. */
@ApplicationPath("/")
public class ProbeApplication extends Application {
}
