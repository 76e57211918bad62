package dev.meridian.analytics.web;

import dev.meridian.eventinfra.web.ApiProblems;
import jakarta.ws.rs.ext.Provider;

/** Every failure of the analytics API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class AnalyticsProblems extends ApiProblems {

    public AnalyticsProblems() {
        super("The analytics API");
    }
}
