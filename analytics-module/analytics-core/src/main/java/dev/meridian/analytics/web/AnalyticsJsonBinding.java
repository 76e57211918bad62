package dev.meridian.analytics.web;

import dev.meridian.eventinfra.web.StrictJsonBinding;
import jakarta.ws.rs.ext.Provider;

/** Request bodies of the analytics API with no fields beyond the documented ones. */
@Provider
public class AnalyticsJsonBinding extends StrictJsonBinding {
}
