package dev.meridian.analytics.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of analytics: read models over every module's events. */
@ApplicationPath("/")
public class AnalyticsApplication extends Application {
}
