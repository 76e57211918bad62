package dev.meridian.eventinfra.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * JSON-B for the APIs' request bodies that refuses a field the API does not define, so that a misspelt field is a
 * 400 rather than silently ignored (API.md: bad input gets a clear error). JSON-B 3.0 has no standard switch for it;
 * this is Yasson's, the JSON-B of WildFly and Payara. A JAX-RS application uses it by declaring a {@code @Provider}
 * subclass, since providers are found only in the application's own archive.
 */
public class StrictJsonBinding implements ContextResolver<Jsonb> {

    private static final Jsonb STRICT = JsonbBuilder.create(
            new JsonbConfig().setProperty("jsonb.fail-on-unknown-properties", true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return STRICT;
    }
}
