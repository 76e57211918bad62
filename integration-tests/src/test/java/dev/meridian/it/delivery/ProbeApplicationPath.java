package dev.meridian.it.delivery;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The delivery probes' JAX-RS application. */
@ApplicationPath("/")
public class ProbeApplicationPath extends Application {
}
