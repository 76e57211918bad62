package dev.meridian.benchmarks.ceiling;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for the probe, as every module has one ({@code StrictJsonBinding}): without it RESTEasy
 * builds a new one for each body it reads or writes, which would put that cost on the ceiling and not on the
 * modules.
 */
@Provider
public class CeilingJsonBinding implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
