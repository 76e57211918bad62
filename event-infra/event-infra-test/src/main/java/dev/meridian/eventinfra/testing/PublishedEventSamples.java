package dev.meridian.eventinfra.testing;

import dev.meridian.eventinfra.api.EventCatalog;
import dev.meridian.eventinfra.store.EventJson;
import dev.meridian.eventinfra.store.EventTypeRegistry;
import dev.meridian.eventinfra.store.StoredEventDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that every version of every event a catalog publishes still reads as the newest version: a module keeps
 * one JSON sample per version as a test resource, {@code <root>/<event name>/v<version>.json}, and calls
 * {@link #verify} from a test. A missing sample, or one that no longer reads, fails with every problem listed.
 */
public final class PublishedEventSamples {

    private PublishedEventSamples() {
    }

    /**
     * Checks the samples under the class-path folder {@code root} (for example {@code "event-samples"}) against
     * {@code catalog}.
     *
     * @throws AssertionError listing every missing or unreadable sample
     */
    public static void verify(EventCatalog catalog, String root) {
        EventTypeRegistry registry;
        try {
            registry = EventTypeRegistry.of(List.of(catalog));
        } catch (IllegalArgumentException unfit) {
            throw new AssertionError("The catalog would fail the deployment: " + unfit.getMessage(), unfit);
        }
        List<String> problems = new ArrayList<>();
        try (EventJson json = new EventJson()) {
            StoredEventDecoder decoder = new StoredEventDecoder(registry, json);
            for (String name : registry.names()) {
                int newest = registry.newestVersionOf(name).orElseThrow();
                for (int version = 1; version <= newest; version++) {
                    String sample = root + "/" + name + "/v" + version + ".json";
                    String payload = read(catalog.getClass().getClassLoader(), sample);
                    if (payload == null) {
                        problems.add("no sample " + sample);
                        continue;
                    }
                    try {
                        decoder.decode(name, version, payload);
                    } catch (RuntimeException e) {
                        problems.add(sample + " no longer reads: " + e.getMessage());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("Published events that old readers or stored data depend on:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
